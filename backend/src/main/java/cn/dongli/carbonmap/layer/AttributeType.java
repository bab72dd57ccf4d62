package cn.dongli.carbonmap.layer;

/** The value types of layer attributes, each with its SQL storage type. */
public enum AttributeType {
    /** Text. */
    STRING,
    /** One of a fixed list of codes. */
    ENUM,
    /** A whole number. */
    INTEGER,
    /** A measurement. */
    DECIMAL,
    /** Yes or no. */
    BOOLEAN,
    /** A calendar date, ISO 8601 {@code yyyy-mm-dd}. */
    DATE
}
