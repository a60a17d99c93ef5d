package gatefold.server.books;

/**
 * A piece of a stamped copy (or of a stamped zip entry's content): a run of fixed bytes
 * whose CRC-32 was taken at preparation, or a slot where a field's bytes go.
 */
sealed interface Part {

    /** Where a run's bytes are: the base blob, the template's own suffix, or nowhere (content counted only for its CRC). */
    enum Source { BASE, SUFFIX, NONE }

    long length(java.util.List<FieldSpec> fields);

    record Run(Source source, long offset, long length, long crc) implements Part {
        @Override
        public long length(java.util.List<FieldSpec> fields) {
            return length;
        }
    }

    record Slot(int field) implements Part {
        @Override
        public long length(java.util.List<FieldSpec> fields) {
            return fields.get(field).width();
        }
    }
}
