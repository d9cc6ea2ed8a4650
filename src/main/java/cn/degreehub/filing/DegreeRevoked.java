package cn.degreehub.filing;

/**
 * A filed degree was revoked (revokeDegree, by its province or its unit's lead account): published in the
 * revocation's transaction, so that whatever was said about the degree (its valid reports) is revoked with it
 * (docs/domain-rules.md, "Revocation").
 */
public record DegreeRevoked(String certificateNumber, String reason, String actor) {
}
