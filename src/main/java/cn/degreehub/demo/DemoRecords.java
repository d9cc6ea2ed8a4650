package cn.degreehub.demo;

import cn.degreehub.contract.filing.FilingRecord;
import cn.degreehub.degree.ResidentIdNumber;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Valid degree-award records made up for the demo profile, tests and benchmarks: resident ID numbers
 * with correct check characters, certificate numbers that agree with unit, level and year.
 */
public final class DemoRecords {

    private static final String[] FAMILY = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞"};
    private static final String[] PINYIN_FAMILY = {"WANG", "LI", "ZHANG", "LIU", "CHEN", "YANG", "ZHAO", "HUANG", "ZHOU", "WU", "XU", "SUN", "HU", "ZHU", "GAO", "LIN"};
    private static final String[] PINYIN_GIVEN = {"WEI", "FANG", "NA", "XIUYING", "MIN", "JING", "LI", "QIANG", "LEI", "JUN", "YANG", "YONG", "YAN", "JIE", "JUAN", "TAO", "MING", "CHAO", "XIULAN", "XIA"};
    private static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    private DemoRecords() {
    }

    /** A resident ID number for a region, birth date and sequence, with its check character. */
    public static String idNumber(String region, LocalDate birth, int sequence) {
        String first17 = region + birth.format(CCYYMMDD) + String.format("%03d", sequence % 1000);
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    /**
     * The n-th record (0-based) of a unit's bachelor (levelDigit 4), master (3) or doctor (2) awards of a year;
     * sequence numbers start at {@code firstSequence}.
     */
    public static FilingRecord record(String unitCode, String unitName, String region, int levelDigit, int year,
                                      int firstSequence, int n) {
        int seq = firstSequence + n;
        FilingRecord r = new FilingRecord();
        int f = Math.floorMod(seq * 7, FAMILY.length);
        int g = Math.floorMod(seq * 13, GIVEN.length);
        r.setXM(FAMILY[f] + GIVEN[g]);
        r.setXMPY(PINYIN_FAMILY[f] + " " + PINYIN_GIVEN[g]);
        LocalDate birth = LocalDate.of(year - (levelDigit == 4 ? 22 : levelDigit == 3 ? 25 : 29), 1, 1)
                .plusDays(Math.floorMod(seq * 37, 360));
        int idSequence = Math.floorMod(seq, 1000);
        r.setXBM(idSequence % 2 == 1 ? "1" : "2");
        r.setCSRQ(birth.format(CCYYMMDD));
        r.setGBM("156");
        r.setMZM("01");
        r.setZJLXM("01");
        r.setZJHM(idNumber(region, birth, idSequence));
        r.setXWSYDWM(unitCode);
        r.setXWSYDW(unitName);
        r.setXWLBM(levelDigit + "08");
        r.setXWLB(levelDigit == 4 ? "工学学士" : levelDigit == 3 ? "工学硕士" : "工学博士");
        r.setZYDM(levelDigit == 4 ? "080901" : "0812");
        r.setZYMC(levelDigit == 4 ? "计算机科学与技术" : "计算机科学与技术");
        r.setZSZYMC("计算机科学与技术");
        r.setXXXSM(levelDigit == 4 ? "1" : null);
        r.setHXWRQ(LocalDate.of(year, 6, 30).format(CCYYMMDD));
        r.setXWZSBH(unitCode + levelDigit + year + String.format("%06d", seq));
        r.setXH(year - 4 + String.format("%06d", seq));
        return r;
    }

    public static List<FilingRecord> records(String unitCode, String unitName, String region, int levelDigit, int year,
                                             int firstSequence, int count) {
        List<FilingRecord> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(record(unitCode, unitName, region, levelDigit, year, firstSequence, i));
        }
        return list;
    }

    /** The same records one at a time, for batches too large to hold. */
    public static Iterator<FilingRecord> stream(String unitCode, String unitName, String region, int levelDigit,
                                                int year, int firstSequence, int count) {
        return new Iterator<>() {
            private int n;

            @Override
            public boolean hasNext() {
                return n < count;
            }

            @Override
            public FilingRecord next() {
                if (n >= count) {
                    throw new NoSuchElementException();
                }
                return record(unitCode, unitName, region, levelDigit, year, firstSequence, n++);
            }
        };
    }
}
