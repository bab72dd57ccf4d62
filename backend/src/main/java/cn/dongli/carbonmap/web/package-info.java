/**
 * Cross-cutting HTTP only: the one {@code @RestControllerAdvice} that turns exceptions into RFC 9457 problem JSON.
 * Nothing imports this package.
 */
package cn.dongli.carbonmap.web;
