#!/usr/bin/env bash
# Creates in LocalStack what template.yaml creates on AWS: the bucket, the queues with their dead-letter queues (same
# visibility timeouts, retention and maxReceiveCount), and the bucket's ObjectCreated notifications for uploads/*.csv
# (the import) and returns/ (the bank's retornos). LocalStack cannot run our Java Lambdas without Docker-in-Docker, so
# the notifications go to an SQS queue (S3EventsQueue) from which a host-side consumer (the -Plocalstack test) invokes
# CsvImportHandler, or BankReturnHandler for a key under returns/, with the very same S3 event. The remessa schedule
# (an EventBridge rule on AWS) is yours to play: send {"trigger":"schedule","uploadId":null} to RemittanceQueue.
# Like S3 on AWS, LocalStack first puts an s3:TestEvent message (no "Records") on S3EventsQueue: skip it.
# Run by LocalStack once it is ready (init/ready.d); safe to run again.
set -euo pipefail
region=${AWS_DEFAULT_REGION:-us-east-1}
bucket=${COBRANCA_BUCKET:-cobranca-000000000000-uploads}

queue_arn() {
  awslocal sqs get-queue-attributes --queue-url "$1" --attribute-names QueueArn --query Attributes.QueueArn --output text
}

make_queue_with_dlq() { # name dlq-name visibility-timeout [retention-seconds]
  local dlq_url dlq_arn
  dlq_url=$(awslocal sqs create-queue --queue-name "$2" --attributes MessageRetentionPeriod=1209600 --query QueueUrl --output text)
  dlq_arn=$(queue_arn "$dlq_url")
  awslocal sqs create-queue --queue-name "$1" --attributes \
    "{\"VisibilityTimeout\":\"$3\",\"MessageRetentionPeriod\":\"${4:-345600}\",\"RedrivePolicy\":\"{\\\"deadLetterTargetArn\\\":\\\"$dlq_arn\\\",\\\"maxReceiveCount\\\":\\\"5\\\"}\"}" \
    >/dev/null
}

if ! awslocal s3api head-bucket --bucket "$bucket" 2>/dev/null; then
  if [ "$region" = us-east-1 ]; then
    awslocal s3api create-bucket --bucket "$bucket" >/dev/null
  else
    awslocal s3api create-bucket --bucket "$bucket" --create-bucket-configuration "LocationConstraint=$region" >/dev/null
  fi
fi
# 6 x the functions' timeouts, as in template.yaml
make_queue_with_dlq InvoiceQueue InvoiceDeadLetterQueue 720
make_queue_with_dlq EmailQueue EmailDeadLetterQueue 720
# remessa runs (a message is only a trigger: a run sends every invoiced title not yet sent)
make_queue_with_dlq RemittanceQueue RemittanceDeadLetterQueue 5400 86400

# Longer than an import may take (CsvImportFunction's Timeout is 900 s), so a running import's event is not handed out again.
events_url=$(awslocal sqs create-queue --queue-name S3EventsQueue --attributes VisibilityTimeout=960 --query QueueUrl --output text)
events_arn=$(queue_arn "$events_url")
awslocal s3api put-bucket-notification-configuration --bucket "$bucket" --notification-configuration "{
  \"QueueConfigurations\": [{
    \"Id\": \"CsvUploaded\",
    \"QueueArn\": \"$events_arn\",
    \"Events\": [\"s3:ObjectCreated:*\"],
    \"Filter\": {\"Key\": {\"FilterRules\": [{\"Name\": \"prefix\", \"Value\": \"uploads/\"}, {\"Name\": \"suffix\", \"Value\": \".csv\"}]}}
  }, {
    \"Id\": \"RetornoCreated\",
    \"QueueArn\": \"$events_arn\",
    \"Events\": [\"s3:ObjectCreated:*\"],
    \"Filter\": {\"Key\": {\"FilterRules\": [{\"Name\": \"prefix\", \"Value\": \"returns/\"}]}}
  }]
}"
echo "cobranca: bucket $bucket, queues InvoiceQueue/EmailQueue/RemittanceQueue (+ dead-letter queues), S3EventsQueue ready"
