package cn.degreehub.common;

/**
 * What a long operation reports while it runs (the console shows it): how much there is, what it is doing,
 * and how much is done or failed so far. Counts are absolute, not increments.
 */
public interface Progress {

    Progress NONE = new Progress() {
        @Override
        public void total(int total) {
        }

        @Override
        public void step(String step) {
        }

        @Override
        public void counts(int done, int failed) {
        }
    };

    void total(int total);

    void step(String step);

    void counts(int done, int failed);

    static Progress orNone(Progress progress) {
        return progress == null ? NONE : progress;
    }
}
