package dev.authsvc.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.query.rebuild.RebuildJob.Difference;
import dev.authsvc.query.user.UserView;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserViewComparisonTest {

    private static final Instant T = Instant.parse("2026-11-01T10:00:00Z");

    private static UserView row(String userId, String firstName, boolean phoneVerified, long sequence) {
        return new UserView(userId, userId + "@example.com", "+15550001000", firstName, "Lovelace", "employee", true,
                phoneVerified, null, null, T, T.plusSeconds(sequence), sequence);
    }

    @Test
    void equalRows_differInNothing() {
        List<UserView> rows = List.of(row("a", "Ada", false, 2), row("b", "Bo", true, 5));

        UserViewComparison.Result result = UserViewComparison.compare(rows, List.copyOf(rows), 10);

        assertThat(result).isEqualTo(new UserViewComparison.Result(0, 0, 0, 0, List.of()));
    }

    @Test
    void rowsAtTheSameSequence_thatDiffer_areReportedWithTheirColumnNames_inTableSpelling() {
        UserViewComparison.Result result = UserViewComparison.compare(
                List.of(row("a", "Mallory", true, 2)), List.of(row("a", "Ada", false, 2)), 10);

        assertThat(result.differing()).isEqualTo(1);
        assertThat(result.differences()).containsExactly(new Difference("a", List.of("first_name", "phone_verified")));
    }

    @Test
    void rowsAtDifferentSequences_areNotCompared_andRowsOnOneSideAreCountedPerSide() {
        UserViewComparison.Result result = UserViewComparison.compare(
                List.of(row("b", "Bo", false, 7), row("a", "Ada", false, 2), row("live-only", "X", false, 1)),
                List.of(row("a", "Ada", false, 2), row("b", "Bob", false, 6), row("c", "Cy", false, 1)), 10);

        assertThat(result).isEqualTo(new UserViewComparison.Result(0, 1, 1, 1, List.of()));
    }

    @Test
    void theListIsCapped_butEveryDifferingRowIsCounted() {
        UserViewComparison.Result result = UserViewComparison.compare(
                List.of(row("a", "A1", false, 1), row("b", "B1", false, 1), row("c", "C1", false, 1)),
                List.of(row("a", "A2", false, 1), row("b", "B2", false, 1), row("c", "C2", false, 1)), 2);

        assertThat(result.differing()).isEqualTo(3);
        assertThat(result.differences()).extracting(Difference::userId).containsExactly("a", "b");
    }
}
