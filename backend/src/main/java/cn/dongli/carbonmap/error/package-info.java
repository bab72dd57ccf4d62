/**
 * The exceptions that carry an HTTP status and a stable problem code; the one {@code @RestControllerAdvice} in
 * {@code web} turns them into RFC 9457 problem JSON. Every feature package may throw them.
 */
package cn.dongli.carbonmap.error;
