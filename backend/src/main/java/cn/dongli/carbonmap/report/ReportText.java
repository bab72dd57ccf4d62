package cn.dongli.carbonmap.report;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import cn.dongli.carbonmap.metrics.UnitMetrics;

/** How the reports write figures, statuses and file names, in Chinese. */
public final class ReportText {

    private ReportText() {
    }

    /** A target's status: 已达标, 进展正常, 滞后. */
    public static String status(String s) {
        return switch (s) {
            case "met" -> "已达标";
            case "on_track" -> "进展正常";
            default -> "滞后";
        };
    }

    /** A target's value to reach: a percentage for shares, else the number (m³, 亩). */
    public static String targetText(UnitMetrics.TargetStatus t) {
        return isShare(t) ? pct(t.target()) : fmt(t.target(), 0);
    }

    /** Where the unit stands on a target, written like the target. */
    public static String valueText(UnitMetrics.TargetStatus t) {
        if (t.value() == null) {
            return "—";
        }
        return isShare(t) ? pct(t.value()) : fmt(t.value(), 0);
    }

    private static boolean isShare(UnitMetrics.TargetStatus t) {
        return t.target() < 1.0001 && !t.indicator().endsWith("M3") && !t.indicator().endsWith("Mu");
    }

    /**
     * The gap to a target in the planner's units: 公顷 and 亩 of area, m³ of stock, roofs; "已达标，超出 …" when it
     * is exceeded; — when there is none.
     */
    public static String gapText(UnitMetrics.Gap gap) {
        if (gap == null) {
            return "—";
        }
        boolean missing = gap.missing() > 0;
        double v = missing ? gap.missing() : gap.exceeded();
        String amount = switch (gap.unit()) {
            case "m2" -> fmt(v / 1e4, 2) + " 公顷（" + fmt(v / (10000.0 / 15.0), 0) + " 亩）";
            case "m3" -> fmt(v, 0) + " m³";
            case "roofs" -> fmt(v, 0) + " 个屋顶";
            case "t" -> fmt(v, 1) + " 吨";
            default -> fmt(v, 2) + " " + gap.unit();
        };
        return missing ? "缺 " + amount : v == 0 ? "恰好达标" : "超出 " + amount;
    }

    /** A share as a percentage with one decimal, or — when there is none. */
    public static String pct(Double share) {
        return share == null ? "—" : String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    /** A number with thousands separators and the decimals given. */
    public static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    /**
     * A {@code Content-Disposition} of a download named in Chinese (RFC 6266 {@code filename*}, with an ASCII
     * fallback).
     */
    public static String attachment(String name, String asciiFallback) {
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + asciiFallback + "\"; filename*=UTF-8''" + encoded;
    }
}
