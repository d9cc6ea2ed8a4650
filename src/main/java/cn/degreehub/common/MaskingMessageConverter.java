package cn.degreehub.common;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** Logback %maskedMsg: the log message with every ID-number-like run masked, whoever logged it. */
public class MaskingMessageConverter extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return Masking.idNumbersIn(super.convert(event));
    }
}
