package hotline.app.report.model;

import java.util.Map;

/** The Chinese and English names reports print for stored codes (categories, channels). */
public final class Labels {

    private static final Map<String, String> CATEGORIES = Map.ofEntries(
            Map.entry("WATER_SUPPLY_OUTAGE", "停水 Supply outage"), Map.entry("LOW_PRESSURE", "水压低 Low pressure"),
            Map.entry("PIPE_BURST", "爆管 Pipe burst"), Map.entry("WATER_QUALITY", "水质 Water quality"),
            Map.entry("METER_BILLING", "水表水费 Meter/billing"), Map.entry("WATERLOGGING", "积水 Waterlogging"),
            Map.entry("SEWAGE_OVERFLOW", "污水冒溢 Sewage overflow"), Map.entry("DRAINAGE_FACILITY", "排水设施 Drainage facility"),
            Map.entry("SERVICE_ATTITUDE", "服务态度 Service attitude"), Map.entry("OTHER", "其他 Other"),
            Map.entry("", "未分类 Unclassified"));
    private static final Map<String, String> CHANNELS = Map.of(
            "PHONE", "电话 Phone", "WEB", "网站 Web", "WECHAT", "微信 WeChat",
            "PLATFORM_12345", "12345平台 Platform 12345", "WALK_IN", "来访 Walk-in");

    private Labels() {
    }

    public static String category(String code) {
        return CATEGORIES.getOrDefault(code == null ? "" : code, code);
    }

    public static String channel(String code) {
        return CHANNELS.getOrDefault(code, code);
    }
}
