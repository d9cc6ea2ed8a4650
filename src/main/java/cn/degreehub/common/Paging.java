package cn.degreehub.common;

/**
 * A page of a list as asked for: page numbers from 1 (below 1 reads as 1, as it always has), a page size within
 * bounds, and an offset that a page number cannot push past what the database query takes (an int: a larger
 * page number once overflowed the offset and failed as INTERNAL).
 */
public record Paging(int page, int size) {

    /** The contract's default page size (types.xsd Paging). */
    public static final int DEFAULT_SIZE = 50;
    /** The contract's largest page size (types.xsd Paging). */
    public static final int MAX_SIZE = 1000;

    /** A SOAP request's optional paging element. */
    public static Paging of(cn.degreehub.contract.types.Paging requested) {
        return of(requested == null || requested.getPage() == null ? 1 : requested.getPage(),
                requested == null || requested.getPageSize() == null ? DEFAULT_SIZE : requested.getPageSize(), MAX_SIZE);
    }

    public static Paging of(int page, int size, int maxSize) {
        if (size < 1 || size > maxSize) {
            throw DegreeHubException.invalid("paging.pageSize", "每页条数须在 1 到 " + maxSize + " 之间",
                    "The page size is between 1 and " + maxSize);
        }
        int first = Math.max(1, page);
        if ((long) (first - 1) * size > Integer.MAX_VALUE) {
            throw DegreeHubException.invalid("paging.page", "页码超出范围", "The page number is out of range");
        }
        return new Paging(first, size);
    }

    /** Rows before this page. */
    public int offset() {
        return (page - 1) * size;
    }
}
