package dev.cobranca.core.upload;

/** Lifecycle of an upload: WAITING for the file, IMPORTING it, IMPORTED (charges created), COMPLETED (all e-mailed or failed). */
public enum UploadStatus {
    WAITING,
    IMPORTING,
    IMPORTED,
    COMPLETED,
    FAILED
}
