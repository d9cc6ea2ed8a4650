package cn.degreehub.common.soap;

import java.io.IOException;

/** A SOAP request larger than the configured limit (degreehub.soap.max-message-bytes). */
public class PayloadTooLargeException extends IOException {
    public PayloadTooLargeException(long limit) {
        super("Message larger than " + limit + " bytes");
    }
}
