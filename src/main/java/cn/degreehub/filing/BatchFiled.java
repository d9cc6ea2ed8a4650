package cn.degreehub.filing;

/**
 * A filing batch was stored (published in its transaction; listeners that must not undo a filing act after its
 * commit): a missing record a database change waits for may have come with it (docs/domain-rules.md, "Database
 * changes").
 */
public record BatchFiled(String batchId, String provinceCode, String unitCode, int accepted) {
}
