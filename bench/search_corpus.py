"""A realistic 100,000-message corpus for the search benchmark, as raw RFC 822 bytes.

Realistic where it matters to a full-text index: a Zipf-distributed vocabulary (common words
in most messages, rare ones in a few), about half the mail in Chinese, 3,000 senders at 600
companies and free-mail domains, subjects that repeat across threads ("Re:", "回复:"),
multipart/alternative with HTML, HTML-only mail, attachments with English and Chinese names,
dates over three years.  Built from string templates (100,000 messages in ~15 s), fully
deterministic for a given seed, so Liaison and notmuch index exactly the same bytes.
"""

from __future__ import annotations

import base64
import random
from email.utils import formatdate

EN_WORDS = """
the of and to in for is on that with as this be are by from at or we have will you your our it not
can please an all if has more about would which their there was were they these new also any other
price quote order delivery shipment invoice payment contract draft meeting schedule sample product
products samples quality inspection packaging warehouse logistics freight container port customs
discount margin budget forecast pipeline renewal proposal agreement signature legal terms conditions
account manager support ticket issue resolved request approval review quarterly annual report figures
revenue sales target region distributor partner reseller channel pricing volume tier license seats
subscription upgrade migration rollout training onboarding demo trial feedback survey roadmap release
feature bug fix patch version update install configuration server network security compliance audit
policy procurement purchase supplier vendor manufacturer factory production capacity lead time stock
inventory backorder shortage allocation confirmation acknowledgement reference number attached please
find below regards thanks best kind call tomorrow today next week monday tuesday wednesday thursday
friday morning afternoon agenda minutes action items follow up reminder deadline urgent priority
estimate timeline milestone phase project team colleague director president engineer specialist
consultant lawyer accountant finance treasury bank transfer wire remittance receipt balance credit
debit refund claim warranty repair replacement return damaged defective missing wrong correct
specification drawing datasheet certificate test results laboratory standard regulation approval
exhibition trade fair booth visit hotel flight travel itinerary dinner lunch conference webinar
newsletter announcement promotion campaign launch brochure catalogue website portal login password
thermostat valve pump sensor cable connector bracket bearing gasket compressor turbine inverter
battery module panel controller firmware gateway router switch antenna adapter charger enclosure
""".split()
ZH_WORDS = """
您好 谢谢 请 查收 附件 合同 报价 报价单 发票 订单 付款 样品 会议 产品 价格 交货 物流 采购 质量 检验 包装 仓库
客户 供应商 工厂 生产 产能 库存 发货 运费 海关 港口 集装箱 折扣 预算 预测 续约 方案 协议 签署 条款 法务 审批
季度 年度 报告 数据 收入 销售 目标 区域 经销商 合作伙伴 渠道 数量 许可 订阅 升级 迁移 培训 演示 试用 反馈 调查
版本 更新 安装 配置 服务器 网络 安全 合规 审计 政策 规格 图纸 证书 测试 结果 实验室 标准 展会 展位 拜访 酒店
航班 行程 晚餐 午餐 研讨会 通知 推广 活动 发布 目录 网站 登录 维修 更换 退货 损坏 缺陷 遗漏 确认 参考 编号
明天 今天 下周 周一 周二 周三 周四 周五 上午 下午 议程 纪要 事项 跟进 提醒 截止 紧急 优先 估算 时间表 里程碑
阶段 项目 团队 同事 总监 经理 工程师 专家 顾问 律师 会计 财务 银行 转账 汇款 收据 余额 退款 索赔 保修
我们 你们 已经 需要 可以 如果 因为 所以 但是 还是 以及 关于 根据 按照 目前 尽快 希望 麻烦 确定 安排 提供
阀门 水泵 传感器 电缆 连接器 支架 轴承 垫片 压缩机 涡轮 逆变器 电池 模块 面板 控制器 固件 网关 路由器 天线
""".split()
ZH_PUNCT = ["，", "，", "，", "。", "；", "、"]
EN_FIRST = ("Anna James Maria Tom Lisa Peter Laura Daniel Sophie Michael Emma David Olivia John Chloe Mark "
            "Hannah Paul Julia Robert Nina Kevin Sarah Lucas Eva Martin Clara Simon Alice Henry").split()
EN_LAST = ("Schmidt O'Connor García Becker Rossi Dubois Novak Jensen Smith Brown Müller Moreau Silva Kowalski "
           "Andersen Nguyen Tanaka Kim Johansson Fischer Weber Martin Lopez Costa Meyer Wagner Young Clark").split()
ZH_SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文")
ZH_GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉宇浩凯健俊帆帅旭宁龙林欢阳晨瑞博文斌")
FREE_DOMAINS = ["qq.com", "163.com", "126.com", "gmail.com", "outlook.com", "aliyun.com", "foxmail.com", "sina.com"]
ATTACHMENT_NAMES = ["报价单.pdf", "合同草案.docx", "发票.pdf", "装箱单.xlsx", "quote.pdf", "contract-draft.docx",
                    "invoice.pdf", "price-list.xlsx", "photo.jpg", "datasheet.pdf", "会议纪要.docx", "检验报告.pdf"]
START = 1_672_531_200  # 2023-01-01
SPAN = 3 * 365 * 86400


class Corpus:
    """``raw(n)`` is the n-th message; ``senders`` and the vocabularies are for picking queries."""

    def __init__(self, count: int, seed: int = 11):
        self.count = count
        self.seed = seed
        rng = random.Random(seed)
        self.companies = [f"{rng.choice(['acme', 'globex', 'initech', 'huaxin', 'dongfang', 'zhongke', 'nordic', 'vertex', 'sunrise', 'tianyu'])}-{i}.example.com"
                          for i in range(600)]
        self.senders: list[tuple[str, str]] = []
        for i in range(3000):
            if i % 2:
                name = rng.choice(ZH_SURNAMES) + "".join(rng.choice(ZH_GIVEN) for _ in range(rng.randint(1, 2)))
                local = f"user{i}"
            else:
                first, last = rng.choice(EN_FIRST), rng.choice(EN_LAST)
                name = f"{first} {last}"
                local = f"{first}.{last}".lower().replace("'", "").replace("í", "i").replace("ü", "u") + str(i)
            domain = rng.choice(FREE_DOMAINS) if rng.random() < 0.3 else rng.choice(self.companies)
            self.senders.append((name, f"{local}@{domain}"))
        self._en_weights = [1 / (rank + 1) for rank in range(len(EN_WORDS))]
        self._zh_weights = [1 / (rank + 1) ** 0.8 for rank in range(len(ZH_WORDS))]
        self.subject_pool = [self._subject(random.Random(seed * 7 + i)) for i in range(4000)]

    def _en_sentence(self, rng: random.Random, words: int) -> str:
        chosen = rng.choices(EN_WORDS, weights=self._en_weights, k=words)
        return " ".join(chosen).capitalize() + rng.choice([".", ".", ".", "?", "!"])

    def _zh_sentence(self, rng: random.Random, words: int) -> str:
        chosen = rng.choices(ZH_WORDS, weights=self._zh_weights, k=words)
        out = []
        for position, word in enumerate(chosen):
            out.append(word)
            if position % 4 == 3:
                out.append(rng.choice(ZH_PUNCT))
        return "".join(out).rstrip("，；、") + "。"

    def _subject(self, rng: random.Random) -> str:
        if rng.random() < 0.5:
            return "".join(rng.choices(ZH_WORDS, weights=self._zh_weights, k=rng.randint(2, 5)))
        return " ".join(rng.choices(EN_WORDS[40:], k=rng.randint(2, 6))).capitalize()

    def date_of(self, n: int) -> int:
        return START + int(SPAN * n / self.count)

    def raw(self, n: int) -> bytes:
        rng = random.Random(self.seed * 1_000_003 + n)
        name, addr = self.senders[min(int(rng.paretovariate(1.2)) - 1, 2999) if rng.random() < 0.5
                                  else rng.randrange(3000)]
        to_name, to_addr = self.senders[rng.randrange(3000)]
        subject = rng.choice(self.subject_pool)
        if rng.random() < 0.35:
            subject = rng.choice(["Re: ", "RE: ", "回复：", "Fwd: ", "转发："]) + subject
        chinese = rng.random() < 0.5
        sentences = [(self._zh_sentence if chinese else self._en_sentence)(rng, rng.randint(6, 18))
                     for _ in range(rng.randint(3, 25))]
        paragraphs = ["".join(sentences[i:i + 3]) if chinese else " ".join(sentences[i:i + 3])
                      for i in range(0, len(sentences), 3)]
        text = "\n\n".join(paragraphs) + f"\n\n-- \n{name}\n"
        head = (f"From: {_encoded(name)} <{addr}>\r\nTo: {_encoded(to_name)} <{to_addr}>\r\n"
                + (f"Cc: {_encoded(self.senders[rng.randrange(3000)][0])} <{self.senders[rng.randrange(3000)][1]}>\r\n"
                   if rng.random() < 0.25 else "")
                + f"Subject: {_encoded(subject)}\r\nMessage-ID: <corpus-{self.seed}-{n}@liaison.test>\r\n"
                f"Date: {formatdate(self.date_of(n), usegmt=True)}\r\nMIME-Version: 1.0\r\n")
        kind = rng.random()
        plain = _text_part("plain", text)
        if kind < 0.45:
            body = plain
        elif kind < 0.85:
            html = "<html><body>" + "".join(f"<p>{p}</p>" for p in paragraphs) + f"<p>{name}</p></body></html>"
            body = _multipart("alternative", [plain, _text_part("html", html)], f"alt{n}")
        else:
            html = ("<html><head><style>p{margin:0}</style></head><body><table><tr><td>"
                    + "".join(f"<p>{p}</p>" for p in paragraphs) + "</td></tr></table></body></html>")
            body = _text_part("html", html)
        if rng.random() < 0.12:
            filename = rng.choice(ATTACHMENT_NAMES)
            payload = base64.encodebytes(rng.randbytes(rng.randint(2_000, 30_000))).decode().replace("\n", "\r\n")
            attachment = (f"Content-Type: application/octet-stream; name=\"{_encoded(filename)}\"\r\n"
                          f"Content-Disposition: attachment; filename=\"{_encoded(filename)}\"\r\n"
                          f"Content-Transfer-Encoding: base64\r\n\r\n{payload}")
            body = _multipart("mixed", [body, attachment], f"mix{n}")
        return (head + body).encode()


def _encoded(text: str) -> str:
    if text.isascii():
        return text
    return "=?utf-8?b?" + base64.b64encode(text.encode()).decode() + "?="


def _text_part(subtype: str, text: str) -> str:
    data = base64.encodebytes(text.encode()).decode().replace("\n", "\r\n")
    return (f"Content-Type: text/{subtype}; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n{data}")


def _multipart(subtype: str, parts: list[str], boundary: str) -> str:
    inner = "".join(f"--{boundary}\r\n{part}\r\n" for part in parts)
    return f"Content-Type: multipart/{subtype}; boundary=\"{boundary}\"\r\n\r\n{inner}--{boundary}--\r\n"
