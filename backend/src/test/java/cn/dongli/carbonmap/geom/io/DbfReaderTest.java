package cn.dongli.carbonmap.geom.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How DBF values and encodings are read, including what real files carry: blanks, overflows, odd dates. */
class DbfReaderTest {

    @TempDir
    Path dir;

    /** The value a one-field, one-record DBF holds, given the field's type, size and raw bytes. */
    private Object valueOf(char type, int length, int decimals, byte[] raw) throws Exception {
        ByteArrayOutputStream dbf = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(65).order(ByteOrder.LITTLE_ENDIAN);
        header.put(0, (byte) 3).putInt(4, 1).putShort(8, (short) 65).putShort(10, (short) (1 + length));
        header.put(32, (byte) 'F').put(43, (byte) type).put(48, (byte) length).put(49, (byte) decimals);
        header.put(64, (byte) 0x0D);
        dbf.write(header.array());
        dbf.write(' ');
        dbf.write(raw, 0, length);
        dbf.write(0x1A);
        Path file = Files.write(dir.resolve("t.dbf"), dbf.toByteArray());
        return DbfReader.read(file, StandardCharsets.UTF_8).rows().get(0).values().get("F");
    }

    private Object valueOf(char type, int length, int decimals, String raw) throws Exception {
        String padded = type == 'C' ? String.format("%-" + length + "s", raw) : String.format("%" + length + "s", raw);
        return valueOf(type, length, decimals, padded.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void numbersAreLongsOrDoublesAndBlanksOrOverflowsAreNull() throws Exception {
        assertThat(valueOf('N', 10, 0, "340")).isEqualTo(340L);
        assertThat(valueOf('N', 10, 0, "-7")).isEqualTo(-7L);
        assertThat(valueOf('N', 24, 15, "12.500000000000000")).isEqualTo(12.5);
        assertThat(valueOf('F', 10, 3, "-1.250")).isEqualTo(-1.25);
        assertThat(valueOf('N', 20, 0, "12345678901234567890")).isEqualTo(1.2345678901234567E19);
        assertThat(valueOf('N', 10, 0, "")).isNull();
        assertThat(valueOf('N', 10, 0, "**********")).isNull();
        assertThat(valueOf('N', 10, 0, "NaN")).isNull();
    }

    @Test
    void logicalsAreBooleansAndQuestionMarksAreNull() throws Exception {
        assertThat(valueOf('L', 1, 0, "T")).isEqualTo(true);
        assertThat(valueOf('L', 1, 0, "y")).isEqualTo(true);
        assertThat(valueOf('L', 1, 0, "F")).isEqualTo(false);
        assertThat(valueOf('L', 1, 0, "n")).isEqualTo(false);
        assertThat(valueOf('L', 1, 0, "?")).isNull();
        assertThat(valueOf('L', 1, 0, " ")).isNull();
    }

    @Test
    void aLogicalFieldOfNoWidthAtTheEndOfTheRecordIsNull() throws Exception {
        // found by ReaderFuzzTest: reading its one byte ran past the end of the record
        assertThat(valueOf('L', 0, 0, new byte[0])).isNull();
    }

    @Test
    void datesAreLocalDatesAndImpossibleDatesAreNull() throws Exception {
        assertThat(valueOf('D', 8, 0, "20240501")).isEqualTo(LocalDate.of(2024, 5, 1));
        assertThat(valueOf('D', 8, 0, "00000000")).isNull();
        assertThat(valueOf('D', 8, 0, "20240231")).isNull();
        assertThat(valueOf('D', 8, 0, "")).isNull();
    }

    @Test
    void textIsTrimmedAndBlankTextIsNull() throws Exception {
        assertThat(valueOf('C', 20, 0, "  东丽湖 ")).isEqualTo("东丽湖");
        assertThat(valueOf('C', 20, 0, "")).isNull();
    }

    @Test
    void textCutInTheMiddleOfACharacterLosesOnlyThatCharacter() throws Exception {
        byte[] cut = new byte[8];
        System.arraycopy("东丽湖".getBytes(StandardCharsets.UTF_8), 0, cut, 0, 8);
        assertThat(valueOf('C', 8, 0, cut)).isEqualTo("东丽");
    }

    @Test
    void gbkTextUnderACpgThatSaysUtf8IsRefusedRatherThanGarbled() {
        byte[] gbk = String.format("%-20s", "东丽湖").getBytes(Charset.forName("GBK"));
        assertThatThrownBy(() -> valueOf('C', 20, 0, gbk))
                .isInstanceOf(UnreadableInputException.class)
                .hasMessageContaining("declares UTF-8")
                .hasMessageContaining("field F of record 1")
                .hasMessageContaining("GBK");
    }

    @Test
    void binaryIntegersAreLongs() throws Exception {
        byte[] raw = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(-123456).array();
        assertThat(valueOf('I', 4, 0, raw)).isEqualTo(-123456L);
    }

    @Test
    void cpgFilesNameTheirEncodingInManyWays() {
        Charset gb = Charset.forName("GB18030");
        assertThat(DbfReader.ofCpg("GBK")).isEqualTo(gb);
        assertThat(DbfReader.ofCpg("936")).isEqualTo(gb);
        assertThat(DbfReader.ofCpg("CP936\r\n")).isEqualTo(gb);
        assertThat(DbfReader.ofCpg("gb2312")).isEqualTo(gb);
        assertThat(DbfReader.ofCpg("GB18030")).isEqualTo(gb);
        assertThat(DbfReader.ofCpg("UTF-8")).isEqualTo(StandardCharsets.UTF_8);
        assertThat(DbfReader.ofCpg(" utf8 ")).isEqualTo(StandardCharsets.UTF_8);
        assertThat(DbfReader.ofCpg("65001")).isEqualTo(StandardCharsets.UTF_8);
        assertThat(DbfReader.ofCpg("ANSI 1252")).isEqualTo(Charset.forName("windows-1252"));
        assertThat(DbfReader.ofCpg("ISO-8859-1")).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(DbfReader.ofCpg("nonsense")).isNull();
    }

    @Test
    void languageDriversNameTheirEncodingButAnsiSaysNothing() {
        assertThat(DbfReader.ofLanguageDriver(0x4D)).isEqualTo(Charset.forName("GB18030"));
        assertThat(DbfReader.ofLanguageDriver(0x7A)).isEqualTo(Charset.forName("GB18030"));
        assertThat(DbfReader.ofLanguageDriver(0x03)).isEqualTo(Charset.forName("windows-1252"));
        assertThat(DbfReader.ofLanguageDriver(0x57)).isNull();
        assertThat(DbfReader.ofLanguageDriver(0)).isNull();
    }
}
