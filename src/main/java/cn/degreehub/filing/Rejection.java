package cn.degreehub.filing;

import cn.degreehub.contract.types.FaultCode;

/** Why one record of a batch was not accepted. {@code index} is 1-based. */
public record Rejection(int index, String xwzsbh, FaultCode code, String field, String messageZh, String messageEn) {

    public Rejection at(int newIndex, String certificateNumber) {
        return new Rejection(newIndex, certificateNumber, code, field, messageZh, messageEn);
    }
}
