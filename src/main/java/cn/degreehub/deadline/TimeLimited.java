package cn.degreehub.deadline;

import java.time.LocalDate;
import java.util.List;

/**
 * Work with a due date in working days, as its owning package keeps it: applications awaiting the center
 * (verification), check tasks awaiting a unit (check). The watch asks them instead of reading their tables.
 */
public interface TimeLimited {

    String APPLICATION = "APPLICATION";
    String CHECK_TASK = "CHECK_TASK";

    /** The subject of the items, as alerts name it: {@link #APPLICATION}, {@link #CHECK_TASK}. */
    String subject();

    /** The open items, optionally of one unit. */
    List<Due> open(String unitCode);

    /** How many open items were due before {@code today}. */
    int overdue(LocalDate today);

    /** {@code provisionalYear}: the due date was counted across that year without its official holiday notice. */
    record Due(String ref, String applicationNo, String unitCode, String department, LocalDate dueDate,
               Integer provisionalYear) {
    }
}
