package dev.switchyard.contracts.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    private static List<Csv.Record> read(String text) {
        return Csv.readAll("t.csv", new StringReader(text));
    }

    @Test
    void shouldReadQuotedCellsWithCommasQuotesAndLineBreaks() {
        List<Csv.Record> records = read("a,b\n\"x,y\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\n");
        assertThat(records)
                .extracting(Csv.Record::cells)
                .containsExactly(List.of("a", "b"), List.of("x,y", "say \"hi\""), List.of("two\nlines", "z"));
        assertThat(records).extracting(Csv.Record::line).containsExactly(1, 2, 3);
    }

    @Test
    void shouldAcceptCrlfAByteOrderMarkAndNoFinalLineBreak() {
        assertThat(read("\uFEFFa,b\r\n1,\"2\"\r\n3,4"))
                .extracting(Csv.Record::cells)
                .containsExactly(List.of("a", "b"), List.of("1", "2"), List.of("3", "4"));
    }

    @Test
    void shouldKeepEmptyCells() {
        assertThat(read("JOB3,STG,,YES,,\n").getFirst().cells()).containsExactly("JOB3", "STG", "", "YES", "", "");
    }

    @Test
    void shouldNameLineAndColumn_whenAQuoteIsNeverClosed() {
        assertThatThrownBy(() -> read("a,b\n1,2\n3,\"open\n4,5\n"))
                .isInstanceOfSatisfying(FileFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.column()).isEqualTo(3);
                })
                .hasMessageContaining("t.csv:3:3")
                .hasMessageContaining("never closed");
    }

    @Test
    void shouldNameLineAndColumn_whenTextFollowsAClosingQuote() {
        assertThatThrownBy(() -> read("a,b\n\"x\"y,2\n"))
                .isInstanceOfSatisfying(FileFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(4);
                })
                .hasMessageContaining("after a closing quote");
    }

    @Test
    void shouldRefuseAQuoteInsideAnUnquotedCell() {
        assertThatThrownBy(() -> read("a,b\nx\"y,2\n"))
                .isInstanceOfSatisfying(
                        FileFormatException.class, e -> assertThat(e.column()).isEqualTo(2));
    }

    @Test
    void shouldQuoteOnlyWhatNeedsIt_whenWriting() {
        StringWriter out = new StringWriter();
        Csv.writeRecord(out, List.of("plain", "a,b", "say \"hi\"", " padded", ""));
        assertThat(out.toString()).isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\" padded\",\n");
        assertThat(read(out.toString()).getFirst().cells())
                .containsExactly("plain", "a,b", "say \"hi\"", " padded", "");
    }
}
