package dev.cobranca.local.template;

/** The template lacks something the runner needs, or uses what it cannot evaluate locally. */
public final class TemplateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TemplateException(String message) {
        super(message);
    }
}
