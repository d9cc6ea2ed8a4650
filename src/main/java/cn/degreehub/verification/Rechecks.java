package cn.degreehub.verification;

import java.util.List;

/**
 * 异议: an objection to a completed verification opens a re-check by the degree-granting unit. The check package
 * does it; verification only asks, so that it need not know how checks work (checks depend on verification,
 * not the other way round).
 */
public interface Rechecks {

    /** Opens a check task for the application (the unit answers it as any check); {@code reason} is the objection. */
    void openRecheck(Applications.Stored application, List<String> differingFields, String actor, String reason);
}
