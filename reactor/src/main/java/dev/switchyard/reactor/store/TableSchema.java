package dev.switchyard.reactor.store;

import dev.switchyard.contracts.attr.Attr;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The shape of a table: its key, its indexes, whether its changes are streamed and which attribute holds
 * an item's expiry. Every key attribute is a string. The DynamoDB adapter creates a table from it; the
 * embedded stores lay out theirs by it.
 *
 * @param name a short name for the table's role ({@code jobs}, {@code state}); stores derive their
 *     physical names from it
 * @param partitionKey the partition key attribute
 * @param sortKey the sort key attribute, or {@code null} for a table keyed by its partition key alone
 * @param indexes secondary indexes, every one projecting all attributes
 * @param streamed whether every change is recorded with its old and new image (a DynamoDB stream with
 *     {@code NEW_AND_OLD_IMAGES})
 * @param ttlAttribute the attribute holding an expiry time in epoch seconds, or {@code null}
 */
public record TableSchema(
        String name, String partitionKey, String sortKey, List<Index> indexes, boolean streamed, String ttlAttribute) {

    public TableSchema {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(partitionKey, "partitionKey");
        indexes = List.copyOf(indexes);
        for (Index index : indexes) {
            if (index.local() && (sortKey == null || !index.partitionKey().equals(partitionKey))) {
                throw new IllegalArgumentException("local index " + index.name()
                        + " must share the table's partition key and the table needs a sort key");
            }
        }
    }

    /**
     * A secondary index: a global one (its own partition key) or a local one (the table's partition key,
     * another sort key). Items without the index's key attributes are not in it.
     */
    public record Index(String name, String partitionKey, String sortKey, boolean local) {
        public Index {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(partitionKey, "partitionKey");
            Objects.requireNonNull(sortKey, "sortKey");
        }
    }

    public Optional<Index> index(String indexName) {
        return indexes.stream().filter(i -> i.name().equals(indexName)).findFirst();
    }

    /** The key attributes of an item; fails when one is missing or not a string. */
    public Map<String, Attr> keyOf(Map<String, Attr> item) {
        Map<String, Attr> key = new LinkedHashMap<>();
        key.put(partitionKey, keyPart(item, partitionKey));
        if (sortKey != null) {
            key.put(sortKey, keyPart(item, sortKey));
        }
        return key;
    }

    /** Checks that a key names exactly this table's key attributes, as strings. */
    public Map<String, Attr> checkKey(Map<String, Attr> key) {
        Map<String, Attr> checked = keyOf(key);
        if (key.size() != checked.size()) {
            throw new IllegalArgumentException("a key of table " + name + " has only " + checked.keySet() + ": " + key);
        }
        return checked;
    }

    /** Checks the key and every index key an item carries: strings, not empty. */
    public void checkItem(Map<String, Attr> item) {
        keyOf(item);
        for (Index index : indexes) {
            for (String attribute : List.of(index.partitionKey(), index.sortKey())) {
                Attr value = item.get(attribute);
                if (value != null && !(value instanceof Attr.S s && !s.value().isEmpty())) {
                    throw new IllegalArgumentException("attribute " + attribute + " keys index " + index.name()
                            + " and must be a non-empty string, not " + value);
                }
            }
        }
    }

    public boolean isKey(String attribute) {
        return attribute.equals(partitionKey) || attribute.equals(sortKey);
    }

    private Attr keyPart(Map<String, Attr> item, String attribute) {
        Attr value = item.get(attribute);
        if (!(value instanceof Attr.S s) || s.value().isEmpty()) {
            throw new IllegalArgumentException(
                    "key attribute " + attribute + " of table " + name + " must be a non-empty string, not " + value);
        }
        return value;
    }
}
