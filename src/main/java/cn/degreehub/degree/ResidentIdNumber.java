package cn.degreehub.degree;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * 居民身份证号码 per GB 11643: 6-digit region, 8-digit birth date, 3-digit sequence (odd = male),
 * check character by ISO 7064 MOD 11-2.
 */
public final class ResidentIdNumber {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    /** Why an ID number is not valid. */
    public enum Problem { FORMAT, BIRTH_DATE, CHECK_DIGIT }

    private ResidentIdNumber() {
    }

    public static char checkCharacter(CharSequence first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    /** Empty when valid; otherwise what is wrong. A lowercase x is accepted as X. */
    public static Optional<Problem> check(String id) {
        if (id == null || id.length() != 18) {
            return Optional.of(Problem.FORMAT);
        }
        for (int i = 0; i < 17; i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.of(Problem.FORMAT);
            }
        }
        char last = Character.toUpperCase(id.charAt(17));
        if (!(last == 'X' || (last >= '0' && last <= '9'))) {
            return Optional.of(Problem.FORMAT);
        }
        if (birthDate(id).isEmpty()) {
            return Optional.of(Problem.BIRTH_DATE);
        }
        return last == checkCharacter(id) ? Optional.empty() : Optional.of(Problem.CHECK_DIGIT);
    }

    public static Optional<LocalDate> birthDate(String id) {
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(id.substring(6, 10)),
                    Integer.parseInt(id.substring(10, 12)), Integer.parseInt(id.substring(12, 14))));
        } catch (DateTimeException | NumberFormatException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    /** Normalised form: upper-case check character. */
    public static String normalise(String id) {
        return id == null ? null : id.trim().toUpperCase();
    }
}
