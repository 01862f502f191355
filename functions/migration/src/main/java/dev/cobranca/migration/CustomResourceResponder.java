package dev.cobranca.migration;

/** Tells CloudFormation how a custom resource request ended (it waits for this answer, up to an hour). */
public interface CustomResourceResponder {

    /** @throws java.io.UncheckedIOException when the answer could not be delivered */
    void respond(CustomResourceRequest request, CustomResourceOutcome outcome);
}
