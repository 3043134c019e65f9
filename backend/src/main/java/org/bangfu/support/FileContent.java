package org.bangfu.support;

/**
 * A file as the platform handles it: an uploaded one already decoded and size-checked (receipts,
 * rectifications, progress photos), or one read back to be served.
 */
public record FileContent(String name, String contentType, byte[] data) {}
