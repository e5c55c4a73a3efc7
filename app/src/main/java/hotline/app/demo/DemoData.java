package hotline.app.demo;

import hotline.app.site.SiteStateService;
import hotline.app.account.Account;
import hotline.app.account.AccountRepository;
import hotline.app.account.model.Role;
import hotline.app.department.Department;
import hotline.app.department.DepartmentRepository;
import hotline.app.knowledge.KnowledgeArticle;
import hotline.app.knowledge.KnowledgeRepository;
import hotline.app.ticket.model.Category;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

/**
 * Demo data, in the {@code demo} profile only: handling departments, the team's accounts (password
 * {@code demo}), machine accounts for the 12345 platform and the web/WeChat gateway, and a small
 * knowledge base. Idempotent: existing rows are left alone.
 */
@Component
@Profile("demo")
@Order(0)
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final DepartmentRepository departments;
    private final AccountRepository accounts;
    private final KnowledgeRepository knowledge;
    private final BCryptPasswordEncoder bcrypt;
    private final String platformPassword;
    private final String channelsPassword;
    private final SiteStateService site;

    DemoData(SiteStateService site, DepartmentRepository departments, AccountRepository accounts, KnowledgeRepository knowledge,
             @Value("${hotline.demo.password-cost:10}") int passwordCost,
             @Value("${hotline.demo.platform-password:demo-platform-secret}") String platformPassword,
             @Value("${hotline.demo.channels-password:demo-channel-secret}") String channelsPassword) {
        this.site = site;
        this.departments = departments;
        this.accounts = accounts;
        this.knowledge = knowledge;
        this.bcrypt = new BCryptPasswordEncoder(passwordCost);
        this.platformPassword = platformPassword;
        this.channelsPassword = channelsPassword;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (!site.takesWrites()) {
            log.info("demo data: this site is {}{}, it receives the demo data from the active site by replication",
                    site.current().role(), site.current().fenced() ? " (fenced)" : "");
            return;
        }
        departments().forEach(departments::insertIfAbsent);
        int created = 0;
        for (Account account : accounts()) {
            if (accounts.insertIfAbsent(account)) {
                created++;
            }
        }
        articles().forEach(knowledge::upsert);
        log.info("demo data ready: {} departments, {} new accounts, {} knowledge articles",
                departments().size(), created, articles().size());
    }

    private static List<Department> departments() {
        return List.of(
                new Department("supply", "市水务集团供水服务中心", "Water Supply Service Centre", Department.Kind.UTILITY,
                        EnumSet.of(Category.WATER_SUPPLY_OUTAGE, Category.LOW_PRESSURE, Category.PIPE_BURST,
                                Category.WATER_QUALITY, Category.METER_BILLING), true),
                new Department("drainage", "市排水发展有限公司", "Drainage Company", Department.Kind.UTILITY,
                        EnumSet.of(Category.WATERLOGGING, Category.SEWAGE_OVERFLOW, Category.DRAINAGE_FACILITY), true),
                new Department("quality", "局供水处", "Bureau Water Supply Division", Department.Kind.BUREAU_DIVISION,
                        EnumSet.of(Category.WATER_QUALITY), true),
                new Department("jianghan", "江汉区水务和湖泊局", "Jianghan District Water Authority",
                        Department.Kind.DISTRICT_AUTHORITY, EnumSet.of(Category.WATERLOGGING, Category.DRAINAGE_FACILITY), true),
                new Department("wuchang", "武昌区水务和湖泊局", "Wuchang District Water Authority",
                        Department.Kind.DISTRICT_AUTHORITY, EnumSet.of(Category.WATERLOGGING, Category.DRAINAGE_FACILITY), true),
                new Department("office", "局办公室", "Bureau General Office", Department.Kind.BUREAU_DIVISION,
                        EnumSet.of(Category.SERVICE_ATTITUDE, Category.OTHER), true));
    }

    private List<Account> accounts() {
        String demo = hash("demo");
        List<Account> list = new java.util.ArrayList<>();
        list.add(account("lead", "项目负责人 王芳", Role.LEAD, demo, null, 1));
        for (int i = 1; i <= 8; i++) {
            list.add(account("agent" + i, "话务员 " + i + " 号", Role.AGENT, demo, null, 10 + i));
        }
        list.add(account("ops", "运维 值班", Role.OPS, demo, null, 100));
        list.add(account("auditor", "审计 查阅", Role.AUDITOR, demo, null, 100));
        list.add(account("supply", "供水服务中心 联络员", Role.DEPARTMENT, demo, "supply", 100));
        list.add(account("drainage", "排水公司 联络员", Role.DEPARTMENT, demo, "drainage", 100));
        list.add(account("platform12345", "12345 市民热线平台", Role.INTEGRATION, hash(platformPassword), null, 100));
        list.add(account("channels", "网站/微信 接入网关", Role.INTEGRATION, hash(channelsPassword), null, 100));
        return list;
    }

    private String hash(String password) {
        return "{bcrypt}" + bcrypt.encode(password);
    }

    private static Account account(String username, String name, Role role, String hash, String department,
                                   int rosterPriority) {
        UUID id = UUID.nameUUIDFromBytes(("account:" + username).getBytes(StandardCharsets.UTF_8));
        return new Account(id, username, name, role, hash, true, department, rosterPriority);
    }

    private static List<KnowledgeArticle> articles() {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        return List.of(
                article("计划停水如何查询", "计划停水信息提前24小时在市水务集团官网、微信公众号和社区公告发布。"
                        + "市民可拨打热线查询所在小区的停水时间和恢复供水时间。", "停水 计划停水 恢复供水 outage", Category.WATER_SUPPLY_OUTAGE, at),
                article("水压低的常见原因", "高峰用水时段（6-8时、18-21时）水压偏低属正常现象；"
                        + "若持续低压，请检查户内阀门和过滤器，仍不能解决的由供水服务中心上门检测。", "水压 低压 水小 pressure", Category.LOW_PRESSURE, at),
                article("水费账单与阶梯水价", "居民生活用水实行阶梯水价，按年度累计用水量计费。"
                        + "账单可在营业厅、微信公众号查询；对读数有异议可申请复核抄表。", "水费 账单 阶梯水价 抄表 bill", Category.METER_BILLING, at),
                article("自来水发黄发浑怎么办", "管网施工或恢复供水后可能短时出现浑水，放水3-5分钟一般可恢复；"
                        + "若持续浑浊或有异味，请勿饮用，登记后由水质部门取样检测。", "水质 发黄 浑浊 异味 quality", Category.WATER_QUALITY, at),
                article("道路积水报告须知", "暴雨期间发现道路积水请说明具体路段、积水深度和是否影响通行；"
                        + "热线将派单至排水公司或属地水务部门，紧急情况同步联动110。", "积水 渍水 暴雨 waterlogging", Category.WATERLOGGING, at),
                article("爆管抢修流程", "接报爆管后立即派单抢修，抢修队伍2小时内到场；"
                        + "停水超过12小时的区域安排临时送水。", "爆管 抢修 漏水 burst", Category.PIPE_BURST, at));
    }

    private static KnowledgeArticle article(String title, String body, String keywords, Category category, Instant at) {
        UUID id = UUID.nameUUIDFromBytes(("article:" + title).getBytes(StandardCharsets.UTF_8));
        return new KnowledgeArticle(id, title, body, keywords, category, at);
    }
}
