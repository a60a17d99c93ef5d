package gatefold.server.books;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gatefold.server.common.Refusal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class StampTextTest {

    static final LocalDate DAY = LocalDate.of(2026, 12, 3);

    @Test
    void theDefaultWordingNamesTheBuyerTheirEmailTheOrderAndTheDate() {
        assertThat(StampText.of("Ada Lovelace", "ada@example.com", "ord-1", DAY).line())
                .isEqualTo("Licensed to Ada Lovelace (ada@example.com) \u00b7 order ord-1 \u00b7 2026-12-03");
    }

    @Test
    void aBuyerWithoutANameIsNamedByEmailOnce() {
        assertThat(StampText.of("  ", "ada@example.com", "ord-1", DAY).line())
                .isEqualTo("Licensed to ada@example.com \u00b7 order ord-1 \u00b7 2026-12-03");
        assertThat(StampText.of(null, "ada@example.com", "ord-1", DAY).withWording("For NAME only").line())
                .isEqualTo("For ada@example.com only");
    }

    @Test
    void valuesThatLookLikePlaceholdersAreNotFilledInAgain() {
        assertThat(StampText.of("EMAIL DATE", "a$1@example.com", "ORDER", DAY).line())
                .isEqualTo("Licensed to EMAIL DATE (a$1@example.com) \u00b7 order ORDER \u00b7 2026-12-03");
    }

    @Test
    void lineBreaksControlCharactersAndLoneSurrogatesBecomeSingleSpaces() {
        String name = "Ada\r\n\tLove\u0000lace \ud800 \u2028x";
        assertThat(StampText.of(name, "a@example.com", "o", DAY).withWording("NAME").line()).isEqualTo("Ada Love lace x");
    }

    @Test
    void wordingThatNamesNoBuyerOrIsTooLongIsRefused() {
        assertThatThrownBy(() -> StampText.checkWording("Thank you for order ORDER")).isInstanceOf(Refusal.class).hasMessageContaining("NAME or EMAIL");
        assertThatThrownBy(() -> StampText.checkWording("NAME " + "x".repeat(400))).isInstanceOf(Refusal.class);
        StampText.checkWording("Sold to EMAIL");
    }

    @Test
    void theFooterKeepsWinAnsiLettersDropsAccentsItCannotShowAndMarksTheRestWithQuestionMarks() {
        assertThat(new String(FooterFont.transliterate("Zo\u00eb Dvo\u0159\u00e1k \u03a9 \u5c71 \ud83d\ude00\ufe0f \u00b7 \u2026"),
                java.nio.charset.Charset.forName("windows-1252"))).isEqualTo("Zo\u00eb Dvor\u00e1k ? ? ? \u00b7 \u2026");
    }

    @Test
    void xmlFieldsAreEscapedAndCutWithAnEllipsisOnACodePointBoundary() {
        StampText text = StampText.of("\ud83d\ude00".repeat(10) + "<&>", "a@example.com", "o", DAY).withWording("NAME");
        FieldValues values = new FieldValues(text, FooterFit.NONE);
        String full = new String(values.render(FieldSpec.xml(FieldKind.XML_LINE, 100, "</p>")), StandardCharsets.UTF_8);
        assertThat(full.strip()).isEqualTo("\ud83d\ude00".repeat(10) + "&lt;&amp;&gt;</p>");
        String cut = new String(values.render(FieldSpec.xml(FieldKind.XML_LINE, 20, "</p>")), StandardCharsets.UTF_8);
        assertThat(cut).isEqualTo("\ud83d\ude00\ud83d\ude00\ud83d\ude00\u2026</p> ").hasSize(12);
    }
}
