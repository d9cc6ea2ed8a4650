package cn.degreehub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeliveryScheduleTest {

    final DeliverySchedule daily = new DeliverySchedule(Duration.ofSeconds(1), 2, Duration.ofHours(1), Duration.ofHours(25));

    @Test
    void waitsGrowByTheMultiplierUpToTheMaximum() {
        Duration spent = Duration.ZERO;
        StringBuilder waits = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            Duration wait = daily.next(spent);
            waits.append(wait.toSeconds()).append(' ');
            spent = spent.plus(wait);
        }
        assertThat(waits.toString().trim()).isEqualTo("1 1 2 4 8 16");
        assertThat(daily.next(Duration.ofHours(3))).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aDayOfOutageIsOutlastedAndTheAttemptsStayFew() {
        Duration spent = Duration.ZERO;
        int attempts = 0;
        while (!daily.givesUp(spent)) {
            spent = spent.plus(daily.next(spent));
            attempts++;
        }
        assertThat(spent).isGreaterThanOrEqualTo(Duration.ofHours(25));
        assertThat(attempts).isBetween(25, 40);
    }

    @Test
    void aScheduleThatCouldNotWaitIsRefused() {
        assertThatThrownBy(() -> new DeliverySchedule(Duration.ZERO, 2, Duration.ofHours(1), Duration.ofHours(25)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeliverySchedule(Duration.ofSeconds(1), 0.5, Duration.ofHours(1), Duration.ofHours(25)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
