#!/usr/bin/env bash
# Creates in LocalStack what template.yaml creates on AWS: the bucket, the queues with their
# dead-letter queues (same visibility timeouts and maxReceiveCount), and the bucket's ObjectCreated
# notification for uploads/*.csv. LocalStack cannot run our Java Lambdas without Docker-in-Docker, so
# the notification goes to an SQS queue (S3EventsQueue) from which the host-side runner or test
# invokes CsvImportHandler with the very same S3 event.
set -euo pipefail
region=${AWS_DEFAULT_REGION:-us-east-1}
bucket=${COBRANCA_BUCKET:-cobranca-000000000000-uploads}

queue_arn() {
  awslocal sqs get-queue-attributes --queue-url "$1" --attribute-names QueueArn --query Attributes.QueueArn --output text
}

make_queue_with_dlq() { # name dlq-name visibility-timeout
  local dlq_url dlq_arn
  dlq_url=$(awslocal sqs create-queue --queue-name "$2" --attributes MessageRetentionPeriod=1209600 --query QueueUrl --output text)
  dlq_arn=$(queue_arn "$dlq_url")
  awslocal sqs create-queue --queue-name "$1" --attributes \
    "{\"VisibilityTimeout\":\"$3\",\"MessageRetentionPeriod\":\"345600\",\"RedrivePolicy\":\"{\\\"deadLetterTargetArn\\\":\\\"$dlq_arn\\\",\\\"maxReceiveCount\\\":\\\"5\\\"}\"}" \
    >/dev/null
}

awslocal s3api create-bucket --bucket "$bucket" --region "$region" >/dev/null
make_queue_with_dlq InvoiceQueue InvoiceDeadLetterQueue 720
make_queue_with_dlq EmailQueue EmailDeadLetterQueue 720

events_url=$(awslocal sqs create-queue --queue-name S3EventsQueue --query QueueUrl --output text)
events_arn=$(queue_arn "$events_url")
awslocal s3api put-bucket-notification-configuration --bucket "$bucket" --notification-configuration "{
  \"QueueConfigurations\": [{
    \"QueueArn\": \"$events_arn\",
    \"Events\": [\"s3:ObjectCreated:*\"],
    \"Filter\": {\"Key\": {\"FilterRules\": [{\"Name\": \"prefix\", \"Value\": \"uploads/\"}, {\"Name\": \"suffix\", \"Value\": \".csv\"}]}}
  }]
}"
echo "cobranca: bucket $bucket, queues InvoiceQueue/EmailQueue (+DLQs), S3EventsQueue ready"
