package io.github.sentineldrill;

/**
 * A topology attribute has a value that cannot work. The message names the attribute, the value and what is allowed;
 * nothing has been started when it is thrown.
 */
public class InvalidClusterSpecException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String attribute;
    private final transient Object value;
    private final String allowed;

    public InvalidClusterSpecException(String attribute, Object value, String allowed) {
        super(attribute + " = " + render(value) + " is not allowed: " + allowed);
        this.attribute = attribute;
        this.value = value;
        this.allowed = allowed;
    }

    /** The attribute at fault, as named in {@link ClusterSpec.Builder} and on the annotation. */
    public String attribute() {
        return attribute;
    }

    /** The rejected value. */
    public Object value() {
        return value;
    }

    /** What the attribute allows, in words. */
    public String allowed() {
        return allowed;
    }

    /** The value as the message shows it: strings quoted. */
    public static String render(Object value) {
        return value instanceof CharSequence ? "\"" + value + "\"" : String.valueOf(value);
    }
}
