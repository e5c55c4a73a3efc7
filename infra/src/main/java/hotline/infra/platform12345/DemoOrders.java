package hotline.infra.platform12345;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/** Realistic demo work orders for a Wuhan water hotline; fills whatever a draft leaves open. */
final class DemoOrders {

    static final ZoneId CITY_ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter ORDER_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private static final Map<String, List<String>> STREETS = Map.of(
            "江岸区", List.of("解放大道", "中山大道", "黄浦大街"),
            "江汉区", List.of("建设大道", "新华路", "万松园路"),
            "硚口区", List.of("解放大道", "古田二路", "汉正街"),
            "汉阳区", List.of("鹦鹉大道", "龙阳大道", "汉阳大道"),
            "武昌区", List.of("中北路", "武珞路", "徐东大街"),
            "青山区", List.of("和平大道", "建设二路", "冶金大道"),
            "洪山区", List.of("珞喻路", "雄楚大道", "光谷大道"),
            "东西湖区", List.of("吴家山街", "金银湖路", "东吴大道"));
    private static final List<String> DISTRICTS = List.copyOf(new java.util.TreeSet<>(STREETS.keySet()));
    private static final List<String> NAMES = List.of("张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周杰", "吴婷");
    private static final List<String> COMMUNITIES = List.of("幸福小区", "滨江苑", "锦绣花园", "东湖新村", "紫阳社区", "长丰小区");
    private static final List<String> PHONE_PREFIXES = List.of("138", "139", "150", "186", "177", "135");

    private static final Map<OrderCategory, String[]> STORIES = Map.of(
            OrderCategory.WATER_SUPPLY_OUTAGE, new String[] {"小区突然停水", "市民反映%s从今天早上起整栋楼停水，未见停水通知，家中有老人，希望尽快恢复供水。"},
            OrderCategory.LOW_PRESSURE, new String[] {"高楼层水压不足", "市民反映%s六楼以上水压很低，热水器无法启动，已持续一周。"},
            OrderCategory.PIPE_BURST, new String[] {"路面爆管大量冒水", "市民反映%s路口供水管爆裂，水漫路面，影响车辆通行，请立即派人抢修。"},
            OrderCategory.WATER_QUALITY, new String[] {"自来水发黄有异味", "市民反映%s家中自来水发黄、有铁锈味，放水十分钟仍未改善，担心饮用安全。"},
            OrderCategory.METER_BILLING, new String[] {"水费异常偏高", "市民反映%s本月水费是平时的三倍，家中无漏水，怀疑水表计量有误，要求核查。"},
            OrderCategory.WATERLOGGING, new String[] {"暴雨后路面严重积水", "市民反映%s暴雨后积水没过膝盖，行人无法通行，请尽快排水。"},
            OrderCategory.SEWAGE_OVERFLOW, new String[] {"污水井冒溢", "市民反映%s污水检查井往外冒污水，气味很大，影响周边商户。"},
            OrderCategory.DRAINAGE_FACILITY, new String[] {"雨水篦子缺失", "市民反映%s人行道雨水篦子丢失，存在行人跌落隐患，请尽快补装。"},
            OrderCategory.SERVICE_ATTITUDE, new String[] {"营业厅服务态度差", "市民反映在%s附近营业厅办理过户时工作人员态度生硬，要求给予答复。"},
            OrderCategory.OTHER, new String[] {"咨询二次供水改造", "市民咨询%s二次供水改造的时间安排和期间供水安排。"});

    private final Random random;
    private final AtomicInteger sequence = new AtomicInteger();

    DemoOrders(Random random) {
        this.random = random;
    }

    String nextOrderId(Instant now) {
        return "WH12345-" + LocalDate.ofInstant(now, CITY_ZONE).format(ORDER_DATE)
                + "-" + String.format("%06d", sequence.incrementAndGet());
    }

    PlatformOrder complete(OrderDraft draft, String orderId, Instant now) {
        OrderCategory category = draft.category() != null ? draft.category() : pick(List.of(OrderCategory.values()));
        String district = draft.district() != null ? draft.district() : pick(DISTRICTS);
        String street = draft.street() != null ? draft.street() : pick(STREETS.getOrDefault(district, List.of("解放大道")));
        String address = draft.address() != null ? draft.address()
                : "武汉市" + district + street + (10 + random.nextInt(390)) + "号" + pick(COMMUNITIES)
                  + (1 + random.nextInt(20)) + "栋";
        String[] story = STORIES.get(category);
        String title = draft.title() != null ? draft.title() : story[0];
        String content = draft.content() != null ? draft.content() : String.format(story[1], address);
        String name = draft.citizenName() != null ? draft.citizenName() : pick(NAMES);
        String phone = draft.citizenPhone() != null ? draft.citizenPhone()
                : pick(PHONE_PREFIXES) + String.format("%08d", random.nextInt(100_000_000));
        Instant due = draft.dueAt() != null ? draft.dueAt()
                : now.plus(category.urgent() ? Duration.ofHours(24) : Duration.ofDays(5));
        return new PlatformOrder(orderId, now, due, title, content, category, name, phone, address, district, street);
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
