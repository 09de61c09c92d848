<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AccountControls</name>
    <message>
        <source>Mark All as Read</source>
        <translation>全部标为已读</translation>
    </message>
    <message>
        <source>Sync This Folder</source>
        <translation>同步此文件夹</translation>
    </message>
    <message>
        <source>Sync Now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Sync Schedule</source>
        <translation>同步计划</translation>
    </message>
    <message>
        <source>Remove Account…</source>
        <translation>删除账户…</translation>
    </message>
    <message>
        <source>Remove Local Folders…</source>
        <translation>移除本地文件夹…</translation>
    </message>
    <message>
        <source>As mail arrives (push)</source>
        <translation>邮件到达时（推送）</translation>
    </message>
    <message>
        <source>Every 5 minutes</source>
        <translation>每 5 分钟</translation>
    </message>
    <message>
        <source>Every 15 minutes</source>
        <translation>每 15 分钟</translation>
    </message>
    <message>
        <source>Every 30 minutes</source>
        <translation>每 30 分钟</translation>
    </message>
    <message>
        <source>Only when I ask</source>
        <translation>仅在我要求时</translation>
    </message>
    <message>
        <source>Set by your organisation</source>
        <translation>由您的组织设定</translation>
    </message>
    <message>
        <source>Delete %1 and the mail imported into them? It is on no server: it cannot be fetched again, only imported again from its files.</source>
        <translation>删除%1及导入其中的邮件？这些邮件不在任何服务器上：无法重新收取，只能从原文件再次导入。</translation>
    </message>
    <message>
        <source>Remove Account</source>
        <translation>删除账户</translation>
    </message>
    <message>
        <source>Remove Local Folders</source>
        <translation>移除本地文件夹</translation>
    </message>
    <message>
        <source>Remove %1 from Liaison? Its mail stays on the server; the copy on this computer and the saved password are deleted.</source>
        <translation>从 Liaison 中删除 %1？邮件仍保留在服务器上；本机上的副本和保存的密码将被删除。</translation>
    </message>
</context>
<context>
    <name>AccountSetupDialog</name>
    <message>
        <source>Add Mail Account</source>
        <translation>添加邮件账户</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Cancel Sign-In</source>
        <translation>取消登录</translation>
    </message>
    <message>
        <source>Shown to the people you write to</source>
        <translation>收件人会看到这个名字</translation>
    </message>
    <message>
        <source>you@example.com</source>
        <translation>you@example.com</translation>
    </message>
    <message>
        <source>Your name:</source>
        <translation>您的姓名：</translation>
    </message>
    <message>
        <source>Email address:</source>
        <translation>邮箱地址：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Incoming (IMAP):</source>
        <translation>收信服务器（IMAP）：</translation>
    </message>
    <message>
        <source>Outgoing (SMTP):</source>
        <translation>发信服务器（SMTP）：</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>For example: Work</source>
        <translation>例如：工作</translation>
    </message>
    <message>
        <source>Account name:</source>
        <translation>账户名称：</translation>
    </message>
    <message>
        <source>Only if your company uses its own certificates</source>
        <translation>仅当贵公司使用自有证书时填写</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Certificate authority:</source>
        <translation>证书颁发机构：</translation>
    </message>
    <message>
        <source>Certificate Authority</source>
        <translation>证书颁发机构</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer)</source>
        <translation>证书 (*.pem *.crt *.cer)</translation>
    </message>
    <message>
        <source>SSL/TLS</source>
        <translation>SSL/TLS</translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <source>None (unencrypted)</source>
        <translation>无（不加密）</translation>
    </message>
    <message>
        <source>Set by your organisation</source>
        <translation>由您的组织设定</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>服务器：</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>Security:</source>
        <translation>安全连接：</translation>
    </message>
    <message>
        <source>Sign in with Google</source>
        <translation>使用 Google 登录</translation>
    </message>
    <message>
        <source>Sign in with Microsoft</source>
        <translation>使用 Microsoft 登录</translation>
    </message>
    <message>
        <source>Sign in with %1</source>
        <translation>使用 %1 登录</translation>
    </message>
    <message>
        <source>Waiting for you to sign in to %1 in your browser…</source>
        <translation>正在等待您在浏览器中登录 %1…</translation>
    </message>
    <message>
        <source>Sign-in cancelled.</source>
        <translation>已取消登录。</translation>
    </message>
    <message>
        <source>Enter your full email address, like name@example.com.</source>
        <translation>请输入完整的邮箱地址，例如 name@example.com。</translation>
    </message>
    <message>
        <source>Enter your password or authorisation code.</source>
        <translation>请输入密码或授权码。</translation>
    </message>
    <message>
        <source>Looking up the settings for %1…</source>
        <translation>正在查找 %1 的设置…</translation>
    </message>
    <message>
        <source>Settings for %1.</source>
        <translation>%1 的设置。</translation>
    </message>
    <message>
        <source>Settings published by your mail domain (%1).</source>
        <translation>您的邮件域名发布的设置（%1）。</translation>
    </message>
    <message>
        <source>Your domain&apos;s mail is hosted by %2; using its settings (%1).</source>
        <translation>您域名的邮件由 %2 托管；使用其设置（%1）。</translation>
    </message>
    <message>
        <source>No settings were found for this address. Enter your server&apos;s settings; the ones below are common names, check them with your mail administrator.</source>
        <translation>未找到此地址的设置。请输入您的服务器设置；下面填的是常见名称，请向邮件管理员核实。</translation>
    </message>
    <message>
        <source>Test and Save</source>
        <translation>测试并保存</translation>
    </message>
    <message>
        <source>Logging in to %1…</source>
        <translation>正在登录 %1…</translation>
    </message>
    <message>
        <source>Something went wrong inside Liaison (%1); the details are in the log.</source>
        <translation>Liaison 内部出错（%1）；详情见日志。</translation>
    </message>
</context>
<context>
    <name>ActionRow</name>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove this action</source>
        <translation>移除此动作</translation>
    </message>
</context>
<context>
    <name>ActivityDialog</name>
    <message>
        <source>Log Call</source>
        <translation>记录通话</translation>
    </message>
    <message>
        <source>Log Meeting</source>
        <translation>记录会议</translation>
    </message>
    <message>
        <source>Confirmed the delivery date</source>
        <translation>确认了交货日期</translation>
    </message>
    <message>
        <source>Visit to see the samples</source>
        <translation>到访查看样品</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>About</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Names, separated by commas</source>
        <translation>姓名，用逗号分隔</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>参与人</translation>
    </message>
    <message>
        <source>Notes (optional)</source>
        <translation>备注（可选）</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>AttachmentList</name>
    <message>
        <source>The name contains characters that reverse its direction.</source>
        <translation>文件名含有反转文字方向的字符。</translation>
    </message>
    <message>
        <source>Padding in the name hides its real end.</source>
        <translation>文件名中的空白填充隐藏了它真正的结尾。</translation>
    </message>
    <message>
        <source>The name has two extensions; the last one counts.</source>
        <translation>文件名有两个扩展名；以最后一个为准。</translation>
    </message>
    <message>
        <source>This is a program: it runs code when opened.</source>
        <translation>这是一个程序：打开时会运行代码。</translation>
    </message>
    <message>
        <source>The content is really %1, not what the name says.</source>
        <translation>内容实际上是 %1，与文件名不符。</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Save As…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>Save All…</source>
        <translation>全部保存…</translation>
    </message>
    <message>
        <source>Save Attachment</source>
        <translation>保存附件</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <source>Save All Attachments</source>
        <translation>保存全部附件</translation>
    </message>
    <message>
        <source>Not opened</source>
        <translation>未打开</translation>
    </message>
    <message>
        <source>Liaison does not open this file because it could run code or hides what it is:
%1

Save it and check it before opening it.</source>
        <translation>Liaison 不会打开此文件，因为它可能运行代码或隐藏了真实类型：
%1

请先保存并检查后再打开。</translation>
    </message>
</context>
<context>
    <name>CaseDetailPane</name>
    <message>
        <source>Case title</source>
        <translation>工单标题</translation>
    </message>
    <message>
        <source>Email address of who handles it</source>
        <translation>处理人的邮箱地址</translation>
    </message>
    <message>
        <source>What the customer asked, what was promised…</source>
        <translation>客户的诉求、已作出的承诺…</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Discard Changes</source>
        <translation>放弃修改</translation>
    </message>
    <message>
        <source>Solve</source>
        <translation>解决</translation>
    </message>
    <message>
        <source>The customer&apos;s request is done; a reply from them opens it again</source>
        <translation>客户的请求已处理完毕；客户回复后会重新打开</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Nothing more to do; the next request is a new case</source>
        <translation>无需再处理；下次请求将是新工单</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Open Message</source>
        <translation>打开邮件</translation>
    </message>
    <message>
        <source>Remove from Case</source>
        <translation>从工单中移除</translation>
    </message>
    <message>
        <source>The selected message is not about this case</source>
        <translation>所选邮件与此工单无关</translation>
    </message>
    <message>
        <source>History…</source>
        <translation>历史…</translation>
    </message>
    <message>
        <source>Every version of this case, from every device; restore one</source>
        <translation>此工单在所有设备上的每个版本；可恢复其中之一</translation>
    </message>
    <message>
        <source>Select a case, or open a new one.</source>
        <translation>请选择一个工单，或新建一个。</translation>
    </message>
    <message>
        <source>Status, priority</source>
        <translation>状态、优先级</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>(customer removed)</source>
        <translation>（客户已删除）</translation>
    </message>
    <message>
        <source>Show %1 in Customers</source>
        <translation>在客户中显示%1</translation>
    </message>
    <message>
        <source>No customer</source>
        <translation>无客户</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>创建于 %1</translation>
    </message>
    <message>
        <source>last change %1</source>
        <translation>最后修改 %1</translation>
    </message>
    <message>
        <source>deal: %1</source>
        <translation>商机：%1</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>A message not on this computer ({key})</source>
        <translation>不在本机上的邮件（{key}）</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>（无主题）</translation>
    </message>
    <message>
        <source>Double-click to open the message</source>
        <translation>双击打开邮件</translation>
    </message>
    <message>
        <source>You</source>
        <translation>您</translation>
    </message>
    <message>
        <source>A rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Automatically</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>The team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>Case opened</source>
        <translation>工单已创建</translation>
    </message>
    <message>
        <source>Case deleted</source>
        <translation>工单已删除</translation>
    </message>
    <message>
        <source>Case brought back</source>
        <translation>工单已恢复</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Deal</source>
        <translation>商机</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>{field}: {old} → {new}</source>
        <translation>{field}：{old} → {new}</translation>
    </message>
</context>
<context>
    <name>CasePicker</name>
    <message>
        <source>File on Case</source>
        <translation>归入工单</translation>
    </message>
    <message>
        <source>No open cases: open a new one for this message.</source>
        <translation>没有未结工单：请为这封邮件新建一个。</translation>
    </message>
    <message>
        <source>File</source>
        <translation>归入</translation>
    </message>
    <message>
        <source>New Case…</source>
        <translation>新建工单…</translation>
    </message>
    <message>
        <source>File the message on which case?</source>
        <translation>将邮件归入哪个工单？</translation>
    </message>
</context>
<context>
    <name>Cases</name>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Solved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>普通</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <source>{when} (overdue)</source>
        <translation>{when}（已逾期）</translation>
    </message>
    <message>
        <source>Open the case</source>
        <translation>打开工单</translation>
    </message>
    <message>
        <source>due {when}</source>
        <translation>{when}截止</translation>
    </message>
</context>
<context>
    <name>CasesView</name>
    <message>
        <source>New Case…</source>
        <translation>新建工单…</translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation>未结工单</translation>
    </message>
    <message>
        <source>All cases</source>
        <translation>全部工单</translation>
    </message>
    <message>
        <source>Which cases to list</source>
        <translation>要列出哪些工单</translation>
    </message>
    <message>
        <source>Search title, customer, assignee</source>
        <translation>搜索标题、客户、处理人</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>最后修改</translation>
    </message>
    <message>
        <source>{title}
Overdue</source>
        <translation>{title}
已逾期</translation>
    </message>
    <message>
        <source>No cases match.</source>
        <translation>没有匹配的工单。</translation>
    </message>
    <message>
        <source>No open cases. New Case… opens one; File on Case… files a message on one.</source>
        <translation>没有未结工单。“新建工单…”可新建一个；“归入工单…”可将邮件归入工单。</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n 个工单</numerusform>
        </translation>
    </message>
    <message>
        <source>{cases}, {open} open</source>
        <translation>{cases}，{open} 个未结</translation>
    </message>
    <message>
        <source>{cases} · {overdue} overdue</source>
        <translation>{cases} · {overdue} 个已逾期</translation>
    </message>
</context>
<context>
    <name>CompanyPanel</name>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Mail with these domains lands on the company&apos;s timeline (separate several with commas)</source>
        <translation>使用这些域名的邮件会出现在公司的时间线上（多个用逗号分隔）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Domains</source>
        <translation>域名</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Deals</source>
        <translation>商机</translation>
    </message>
    <message>
        <source>Open tasks</source>
        <translation>未完成任务</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Case…</source>
        <translation>工单…</translation>
    </message>
    <message>
        <source>Open a service case for this company</source>
        <translation>为此公司新建服务工单</translation>
    </message>
    <message>
        <source>New Contact…</source>
        <translation>新建联系人…</translation>
    </message>
    <message>
        <source>A new person at this company</source>
        <translation>该公司的新联系人</translation>
    </message>
    <message>
        <source>New Deal…</source>
        <translation>新建商机…</translation>
    </message>
    <message>
        <source>A new deal with this company</source>
        <translation>与该公司的新商机</translation>
    </message>
    <message>
        <source>Nothing yet: mail with the company&apos;s domains, and notes, calls and tasks, appear here.</source>
        <translation>暂无内容：来自公司域名的邮件，以及备注、通话和任务会显示在这里。</translation>
    </message>
    <message numerus="yes">
        <source>%n (person/people)</source>
        <translation>
            <numerusform>%n 人</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open deal(s)</source>
        <translation>
            <numerusform>%n 个进行中的商机</numerusform>
        </translation>
    </message>
    <message>
        <source>For %1</source>
        <translation>给 %1</translation>
    </message>
</context>
<context>
    <name>ComposeLauncher</name>
    <message>
        <source>There are no saved drafts.</source>
        <translation>没有已保存的草稿。</translation>
    </message>
    <message>
        <source>Open Draft</source>
        <translation>打开草稿</translation>
    </message>
    <message>
        <source>Draft:</source>
        <translation>草稿：</translation>
    </message>
    <message>
        <source>The message is not stored yet; sync first.</source>
        <translation>邮件尚未保存到本机；请先同步。</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>New Message</source>
        <translation>新邮件</translation>
    </message>
    <message>
        <source>Names or addresses, separated by commas</source>
        <translation>姓名或地址，用逗号分隔</translation>
    </message>
    <message>
        <source>What is it about?</source>
        <translation>关于什么事？</translation>
    </message>
    <message>
        <source>Write your message. The buttons above format it: bold, lists, links, tables, pictures.</source>
        <translation>写下您的邮件。上方的按钮可设置格式：粗体、列表、链接、表格、图片。</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Send (Ctrl+Enter)</source>
        <translation>发送 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Attach</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <source>Save Draft</source>
        <translation>保存草稿</translation>
    </message>
    <message>
        <source>Use a template…</source>
        <translation>使用模板…</translation>
    </message>
    <message>
        <source>Fill the subject and text from a template, for the first recipient</source>
        <translation>用模板填写主题和正文（按第一位收件人填写）</translation>
    </message>
    <message>
        <source>Templates…</source>
        <translation>模板…</translation>
    </message>
    <message>
        <source>Create, edit and preview templates</source>
        <translation>创建、编辑和预览模板</translation>
    </message>
    <message>
        <source>From</source>
        <translation>发件人</translation>
    </message>
    <message>
        <source>To</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Cc</source>
        <translation>抄送</translation>
    </message>
    <message>
        <source>Bcc</source>
        <translation>密送</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Add Cc recipients</source>
        <translation>添加抄送人</translation>
    </message>
    <message>
        <source>Add Bcc recipients</source>
        <translation>添加密送人</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Show how the message will look</source>
        <translation>查看邮件的显示效果</translation>
    </message>
    <message>
        <source>Ctrl+Enter sends · Esc closes</source>
        <translation>Ctrl+Enter 发送 · Esc 关闭</translation>
    </message>
    <message>
        <source>This is sample data, so sending is off. You can write and your draft is kept on this computer; add your own mail account to send.</source>
        <translation>这是示例数据，因此无法发送。您可以撰写邮件，草稿会保存在本机；添加您自己的邮件账户后即可发送。</translation>
    </message>
    <message>
        <source>Sending is off in sample data: add your own mail account to send.</source>
        <translation>示例数据中无法发送：请添加您自己的邮件账户。</translation>
    </message>
    <message>
        <source>Shown in the text</source>
        <translation>在正文中显示</translation>
    </message>
    <message>
        <source>The attachments total %1; many mail servers refuse more than 20 MB.</source>
        <translation>附件共 %1；许多邮件服务器不接受超过 20 MB 的邮件。</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Attach Files</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <source>No templates yet</source>
        <translation>暂无模板</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>Choose the recipient first: a template is filled in from their contact record.</source>
        <translation>请先选择收件人：模板会根据其联系人资料填写。</translation>
    </message>
    <message>
        <source>Filled in for %1.</source>
        <translation>已为 %1 填写。</translation>
    </message>
    <message>
        <source>Draft saved at %1.</source>
        <translation>草稿已于 %1 保存。</translation>
    </message>
    <message>
        <source>Draft saved here and in the server&apos;s Drafts at %1.</source>
        <translation>草稿已于 %1 保存在本机和服务器的草稿箱中。</translation>
    </message>
    <message>
        <source>Draft saved on this computer; the server could not be reached for its Drafts copy. Trying again shortly.</source>
        <translation>草稿已保存在本机；无法连接服务器保存草稿箱副本，稍后重试。</translation>
    </message>
    <message>
        <source>Draft saved on this computer; the server refused the password, so its Drafts copy waits until you sign in again.</source>
        <translation>草稿已保存在本机；服务器拒绝了密码，草稿箱副本将在您重新登录后保存。</translation>
    </message>
    <message>
        <source>Draft saved on this computer; the server did not take its Drafts copy. Trying again shortly.</source>
        <translation>草稿已保存在本机；服务器未接受草稿箱副本，稍后重试。</translation>
    </message>
    <message>
        <source>Draft saved on this computer; copying it to the server failed. Trying again shortly.</source>
        <translation>草稿已保存在本机；复制到服务器失败，稍后重试。</translation>
    </message>
    <message>
        <source>Add a recipient first.</source>
        <translation>请先添加收件人。</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <source>Not sent.</source>
        <translation>未发送。</translation>
    </message>
    <message>
        <source>Keep this draft?</source>
        <translation>保留此草稿？</translation>
    </message>
    <message>
        <source>A kept draft is in Drafts; open it again with Message → Open Draft…</source>
        <translation>保留的草稿在草稿箱中；可通过“邮件 → 打开草稿…”再次打开。</translation>
    </message>
</context>
<context>
    <name>ConditionRow</name>
    <message>
        <source>A field the rule looks at; type a custom field&apos;s key (e.g. tier)</source>
        <translation>规则检查的字段；也可输入自定义字段的键（如 tier）</translation>
    </message>
    <message>
        <source>value (for “is one of”: a, b, c)</source>
        <translation>值（“是以下之一”可填：a, b, c）</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove this condition</source>
        <translation>移除此条件</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>You and a colleague changed the same field before either of you saw the other&apos;s change. The later change was kept; nothing was lost. Keep the other value if it is the right one.</source>
        <translation>您和同事在看到对方修改之前改了同一字段。已保留较晚的修改，没有丢失任何内容。如果另一个值才是正确的，请保留它。</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>已保留</translation>
    </message>
    <message>
        <source>Other value</source>
        <translation>另一个值</translation>
    </message>
    <message>
        <source>Other value by</source>
        <translation>另一个值修改人</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>No conflicts: every change reached the team as it was made.</source>
        <translation>没有冲突：每次修改都已按原样同步到团队。</translation>
    </message>
    <message>
        <source>Keep the Other Value</source>
        <translation>保留另一个值</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <source>New Contact</source>
        <translation>新建联系人</translation>
    </message>
    <message>
        <source>张伟 or Anna Schmidt</source>
        <translation>张伟 或 Anna Schmidt</translation>
    </message>
    <message>
        <source>name@company.com; several separated by commas</source>
        <translation>name@company.com；多个用逗号分隔</translation>
    </message>
    <message>
        <source>+86 138 1234 5678</source>
        <translation>+86 138 1234 5678</translation>
    </message>
    <message>
        <source>A company you have, or a new one</source>
        <translation>已有的公司或新公司</translation>
    </message>
    <message>
        <source>Purchasing manager</source>
        <translation>采购经理</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>职位</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Liaison — Something Went Wrong</source>
        <translation>Liaison — 出错了</translation>
    </message>
    <message>
        <source>Liaison stopped unexpectedly the last time it ran. What was already saved is safe.</source>
        <translation>Liaison 上次运行时意外退出。已保存的内容是安全的。</translation>
    </message>
    <message>
        <source>Liaison ran into a bug and could not finish what it was doing. What was already saved is safe.</source>
        <translation>Liaison 遇到错误，未能完成正在进行的操作。已保存的内容是安全的。</translation>
    </message>
    <message>
        <source>Please send the report to whoever looks after Liaison for you: “Copy Report” puts it on the clipboard. Passwords are removed from it.</source>
        <translation>请把报告发给负责维护 Liaison 的人：“复制报告”会把它放到剪贴板上。报告中的密码已被删除。</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Copy Report</source>
        <translation>复制报告</translation>
    </message>
    <message>
        <source>Last lines of the log (%1):</source>
        <translation>日志的最后几行（%1）：</translation>
    </message>
    <message>
        <source>The report is on the clipboard.</source>
        <translation>报告已复制到剪贴板。</translation>
    </message>
    <message numerus="yes">
        <source>%n more error(s) happened since; they are in the log.</source>
        <translation>
            <numerusform>此后又发生了 %n 个错误；详见日志。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CustomerPanel</name>
    <message>
        <source>Open deals</source>
        <translation>进行中的商机</translation>
    </message>
    <message>
        <source>Open tasks</source>
        <translation>未完成任务</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Case…</source>
        <translation>工单…</translation>
    </message>
    <message>
        <source>Open a service case for this customer</source>
        <translation>为此客户新建服务工单</translation>
    </message>
    <message>
        <source>Unlink Message</source>
        <translation>取消关联邮件</translation>
    </message>
    <message>
        <source>This message is not about this customer: remove it from the timeline, for good</source>
        <translation>这封邮件与该客户无关：从时间线中永久移除</translation>
    </message>
    <message>
        <source>Link to Deal…</source>
        <translation>关联到商机…</translation>
    </message>
    <message>
        <source>Show this message on one of the customer&apos;s deals</source>
        <translation>在该客户的某个商机上显示这封邮件</translation>
    </message>
    <message>
        <source>Write an email</source>
        <translation>写邮件</translation>
    </message>
    <message>
        <source>Open the team conflicts</source>
        <translation>打开团队冲突</translation>
    </message>
    <message>
        <source>Pick Up</source>
        <translation>领取</translation>
    </message>
    <message>
        <source>Take this customer from the team&apos;s pool as your own</source>
        <translation>从团队公海领取此客户，归为自己的客户</translation>
    </message>
    <message>
        <source>Create Contact</source>
        <translation>创建联系人</translation>
    </message>
    <message>
        <source>Create Company</source>
        <translation>创建公司</translation>
    </message>
    <message>
        <source>Ignore Sender</source>
        <translation>忽略发件人</translation>
    </message>
    <message>
        <source>Leave this address out of Unknown Senders</source>
        <translation>不在“未知发件人”中显示此地址</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Show or hide the contact&apos;s details to edit them</source>
        <translation>显示或隐藏联系人详情以便编辑</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>职位</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>private</source>
        <translation>私有</translation>
    </message>
    <message>
        <source>the team can read</source>
        <translation>团队可查看</translation>
    </message>
    <message>
        <source>the team can edit</source>
        <translation>团队可编辑</translation>
    </message>
    <message>
        <source>In the team&apos;s pool · team %1 · last owner %2</source>
        <translation>在团队公海中 · 团队 %1 · 上一位负责人 %2</translation>
    </message>
    <message>
        <source>Owner: %1 · returning to the team&apos;s pool at the next sync</source>
        <translation>负责人：%1 · 将在下次同步时退回团队公海</translation>
    </message>
    <message>
        <source>Owner: %1 · team %2 · %3</source>
        <translation>负责人：%1 · 团队 %2 · %3</translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n conflict(s) with a colleague · Review…</source>
        <translation>
            <numerusform>⚠ 与同事有 %n 处冲突 · 查看…</numerusform>
        </translation>
    </message>
    <message>
        <source>Give to a Colleague</source>
        <translation>转交给同事</translation>
    </message>
    <message>
        <source>The colleague&apos;s email address (the team server&apos;s sign-in):</source>
        <translation>同事的邮箱地址（团队服务器的登录名）：</translation>
    </message>
    <message>
        <source>Already a customer of %1 (team %2)</source>
        <translation>已是 %1 的客户（团队 %2）</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>People on this message</source>
        <translation>这封邮件涉及的人</translation>
    </message>
    <message>
        <source>customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>not a contact</source>
        <translation>非联系人</translation>
    </message>
    <message>
        <source>teammate</source>
        <translation>同事</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Not a contact yet</source>
        <translation>尚未成为联系人</translation>
    </message>
    <message>
        <source>Teammate</source>
        <translation>同事</translation>
    </message>
    <message>
        <source>You</source>
        <translation>您</translation>
    </message>
    <message>
        <source>One of your accounts</source>
        <translation>您的账户之一</translation>
    </message>
    <message>
        <source>Colleague at %1</source>
        <translation>%1 的同事</translation>
    </message>
    <message>
        <source>Company: %1</source>
        <translation>公司：%1</translation>
    </message>
    <message>
        <source>Personal address (%1)</source>
        <translation>个人邮箱（%1）</translation>
    </message>
    <message>
        <source>Organisation: %1</source>
        <translation>组织：%1</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>打开 %1</translation>
    </message>
    <message>
        <source>linked: %1 is the sender</source>
        <translation>已关联：%1 是发件人</translation>
    </message>
    <message>
        <source>linked: %1 is a recipient</source>
        <translation>已关联：%1 是收件人</translation>
    </message>
    <message>
        <source>linked: %1 is in Cc</source>
        <translation>已关联：%1 在抄送中</translation>
    </message>
    <message>
        <source>linked: %1 is the company&apos;s domain</source>
        <translation>已关联：%1 是公司的域名</translation>
    </message>
    <message>
        <source>linked through the contact&apos;s company</source>
        <translation>通过联系人所在公司关联</translation>
    </message>
    <message>
        <source>linked by hand</source>
        <translation>手动关联</translation>
    </message>
    <message>
        <source>unlinked by hand (%1)</source>
        <translation>手动取消关联（%1）</translation>
    </message>
    <message>
        <source>%1 is free mail: it says nothing about a company</source>
        <translation>%1 是免费邮箱：无法据此判断公司</translation>
    </message>
    <message>
        <source>automatic mail (%1): never creates anything</source>
        <translation>自动邮件（%1）：不会创建任何记录</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Nothing yet: mail, notes, calls, meetings and tasks with this customer appear here.</source>
        <translation>暂无内容：与该客户的邮件、备注、通话、会议和任务会显示在这里。</translation>
    </message>
    <message>
        <source>Recent mail with %1</source>
        <translation>与 %1 的近期邮件</translation>
    </message>
    <message>
        <source>Other mail with this person</source>
        <translation>与此人的其他邮件</translation>
    </message>
    <message>
        <source>Mail with this person</source>
        <translation>与此人的邮件</translation>
    </message>
    <message>
        <source>No other mail with this address yet.</source>
        <translation>暂无与此地址的其他邮件。</translation>
    </message>
    <message>
        <source>For %1</source>
        <translation>给 %1</translation>
    </message>
    <message>
        <source>Company name:</source>
        <translation>公司名称：</translation>
    </message>
    <message>
        <source>Link to Deal</source>
        <translation>关联到商机</translation>
    </message>
    <message>
        <source>Deal:</source>
        <translation>商机：</translation>
    </message>
</context>
<context>
    <name>CustomersView</name>
    <message>
        <source>Filter by name, address or company</source>
        <translation>按姓名、地址或公司筛选</translation>
    </message>
    <message>
        <source>New Contact…</source>
        <translation>新建联系人…</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Import contacts from a CSV or vCard file</source>
        <translation>从 CSV 或 vCard 文件导入联系人</translation>
    </message>
    <message>
        <source>Mail Merge…</source>
        <translation>邮件合并…</translation>
    </message>
    <message>
        <source>Write to the selected contacts from a template</source>
        <translation>用模板给选中的联系人写信</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>职位</translation>
    </message>
    <message>
        <source>Domains</source>
        <translation>域名</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>邮件</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Companies</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Create Contacts</source>
        <translation>创建联系人</translation>
    </message>
    <message>
        <source>Make contacts of the selected senders</source>
        <translation>将选中的发件人创建为联系人</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>Leave the selected senders out of this list</source>
        <translation>不在此列表中显示选中的发件人</translation>
    </message>
    <message>
        <source>Unknown Senders</source>
        <translation>未知发件人</translation>
    </message>
    <message>
        <source>Select a contact or a company</source>
        <translation>请选择一个联系人或公司</translation>
    </message>
    <message numerus="yes">
        <source>The first %n are shown; filter to find others.</source>
        <translation>
            <numerusform>只显示前 %n 个；请筛选以查找其他项。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n contact(s)</source>
        <translation>
            <numerusform>%n 个联系人</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n compan(y/ies)</source>
        <translation>
            <numerusform>%n 家公司</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unknown sender(s)</source>
        <translation>
            <numerusform>%n 个未知发件人</numerusform>
        </translation>
    </message>
    <message>
        <source>Create Contact</source>
        <translation>创建联系人</translation>
    </message>
    <message>
        <source>Write Email</source>
        <translation>写邮件</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>New Task…</source>
        <translation>新建任务…</translation>
    </message>
    <message>
        <source>New Note…</source>
        <translation>新建备注…</translation>
    </message>
    <message>
        <source>New Deal…</source>
        <translation>新建商机…</translation>
    </message>
    <message>
        <source>Merge With…</source>
        <translation>合并到…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>New Contact at This Company…</source>
        <translation>在此公司新建联系人…</translation>
    </message>
    <message>
        <source>For %1</source>
        <translation>给 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n contact(s) imported.</source>
        <translation>
            <numerusform>已导入 %n 个联系人。</numerusform>
        </translation>
    </message>
    <message>
        <source>Contact %1 deleted.</source>
        <translation>联系人 %1 已删除。</translation>
    </message>
    <message>
        <source>Company %1 deleted.</source>
        <translation>公司 %1 已删除。</translation>
    </message>
    <message>
        <source>Select the contacts to write to first.</source>
        <translation>请先选择要写信的联系人。</translation>
    </message>
    <message>
        <source>Add an account first: mail merge sends from it.</source>
        <translation>请先添加账户：邮件合并从该账户发送。</translation>
    </message>
    <message>
        <source>Make a template first (Message → Templates).</source>
        <translation>请先创建模板（邮件 → 模板）。</translation>
    </message>
    <message>
        <source>Mail Merge</source>
        <translation>邮件合并</translation>
    </message>
    <message>
        <source>Template:</source>
        <translation>模板：</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) queued, one every 2 seconds.</source>
        <translation>
            <numerusform>已排队 %n 封邮件，每 2 秒发送一封。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n contact(s) (was/were) not written to:</source>
        <translation>
            <numerusform>有 %n 个联系人未收到邮件：</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>… and %n more row(s)</source>
        <translation>… 另有 %n 行</translation>
    </message>
    <message>
        <source>Liaison dashboard</source>
        <translation>Liaison 报表总览</translation>
    </message>
    <message>
        <source>%1 · made %2 · page %3 of %4</source>
        <translation>%1 · 生成于 %2 · 第 %3 页，共 %4 页</translation>
    </message>
    <message>
        <source>Nothing to show for this period.</source>
        <translation>此时间段内没有数据。</translation>
    </message>
</context>
<context>
    <name>DealCard</name>
    <message>
        <source>Expected close: {date}</source>
        <translation>预计成交：{date}</translation>
    </message>
    <message>
        <source>Owner: {owner}</source>
        <translation>负责人：{owner}</translation>
    </message>
    <message>
        <source>Lost: {reason}</source>
        <translation>丢单：{reason}</translation>
    </message>
</context>
<context>
    <name>DealDialog</name>
    <message>
        <source>Deal</source>
        <translation>商机</translation>
    </message>
    <message>
        <source>New Deal</source>
        <translation>新建商机</translation>
    </message>
    <message>
        <source>Deal title</source>
        <translation>商机名称</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>赢单</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>丢单</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>0</source>
        <translation>0</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>No date</source>
        <translation>无日期</translation>
    </message>
    <message>
        <source>No expected close date</source>
        <translation>无预计成交日期</translation>
    </message>
    <message>
        <source>Name or email address</source>
        <translation>姓名或邮箱地址</translation>
    </message>
    <message>
        <source>Company name</source>
        <translation>公司名称</translation>
    </message>
    <message>
        <source>Who looks after it</source>
        <translation>由谁负责</translation>
    </message>
    <message>
        <source>Why was it lost?</source>
        <translation>丢单原因？</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>销售阶段</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Expected close</source>
        <translation>预计成交</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Loss reason</source>
        <translation>丢单原因</translation>
    </message>
    <message>
        <source>Add Deal</source>
        <translation>添加商机</translation>
    </message>
    <message>
        <source>Deal: {title}</source>
        <translation>商机：{title}</translation>
    </message>
    <message>
        <source>Added {created} · changed {changed}</source>
        <translation>创建于 {created} · 修改于 {changed}</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>A new company “{name}” will be added.</source>
        <translation>将新增公司“{name}”。</translation>
    </message>
    <message>
        <source>No contact is called “{name}”: choose one from the list or type an address.</source>
        <translation>没有名为“{name}”的联系人：请从列表中选择或输入地址。</translation>
    </message>
    <message>
        <source>A deal needs a title.</source>
        <translation>商机需要名称。</translation>
    </message>
    <message>
        <source>“{text}” is not an amount: use digits, like 12000 or 12,000.50.</source>
        <translation>“{text}”不是金额：请使用数字，例如 12000 或 12,000.50。</translation>
    </message>
    <message>
        <source>“{text}” is not a currency code: use three letters, like CNY, USD or EUR.</source>
        <translation>“{text}”不是币种代码：请使用三个字母，例如 CNY、USD 或 EUR。</translation>
    </message>
    <message>
        <source>Choose the currency of the amount.</source>
        <translation>请选择金额的币种。</translation>
    </message>
    <message>
        <source>No contact has the address {address}: add the contact first.</source>
        <translation>没有联系人使用地址 {address}：请先添加联系人。</translation>
    </message>
    <message>
        <source>Say why the deal was lost.</source>
        <translation>请说明丢单原因。</translation>
    </message>
    <message>
        <source>Restore Version</source>
        <translation>恢复版本</translation>
    </message>
    <message>
        <source>Restoring version {number} discards the changes you have not saved.</source>
        <translation>恢复到版本 {number} 会丢弃尚未保存的修改。</translation>
    </message>
</context>
<context>
    <name>DealTabs</name>
    <message>
        <source>Write a note about this deal…</source>
        <translation>为此商机写条备注…</translation>
    </message>
    <message>
        <source>Add Note</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Mail</source>
        <translation>邮件</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Double-click to open the message</source>
        <translation>双击打开邮件</translation>
    </message>
    <message>
        <source>No notes yet. What was agreed, what the customer asked for: write it above.</source>
        <translation>暂无备注。谈妥了什么、客户要求了什么：写在上面。</translation>
    </message>
    <message>
        <source>No mail is linked to this deal yet. Link a message from the customer panel beside the reader.</source>
        <translation>暂无关联到此商机的邮件。可在阅读窗格旁的客户面板中关联邮件。</translation>
    </message>
    <message>
        <source>Mail ({count})</source>
        <translation>邮件（{count}）</translation>
    </message>
</context>
<context>
    <name>DealsView</name>
    <message>
        <source>New Deal…</source>
        <translation>新建商机…</translation>
    </message>
    <message>
        <source>No deals yet. New Deal… adds one; you can also start one from a contact or a company.</source>
        <translation>暂无商机。点“新建商机…”添加；也可以从联系人或公司开始。</translation>
    </message>
    <message numerus="yes">
        <source>%n open deal(s)</source>
        <translation>
            <numerusform>%n 个进行中的商机</numerusform>
        </translation>
    </message>
    <message>
        <source>{deals} · {value}</source>
        <translation>{deals} · {value}</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Move to Stage</source>
        <translation>移到阶段</translation>
    </message>
    <message>
        <source>Mark Won</source>
        <translation>标为赢单</translation>
    </message>
    <message>
        <source>Mark Lost…</source>
        <translation>标为丢单…</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>DueEdit</name>
    <message>
        <source>Due</source>
        <translation>截止</translation>
    </message>
    <message>
        <source>Whether the case has a due date</source>
        <translation>工单是否有截止时间</translation>
    </message>
</context>
<context>
    <name>ErrorPresenter</name>
    <message>
        <source>Liaison</source>
        <translation>Liaison</translation>
    </message>
</context>
<context>
    <name>FieldEditor</name>
    <message>
        <source>Set by your organisation; it cannot be changed here.</source>
        <translation>由您的组织设定，无法在此更改。</translation>
    </message>
    <message>
        <source>Set by your organisation</source>
        <translation>由您的组织设定</translation>
    </message>
</context>
<context>
    <name>FieldNames</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>名</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>姓</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Deal</source>
        <translation>商机</translation>
    </message>
    <message>
        <source>Email addresses</source>
        <translation>邮箱地址</translation>
    </message>
    <message>
        <source>Phone numbers</source>
        <translation>电话号码</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Domains</source>
        <translation>域名</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>销售阶段</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Expected close</source>
        <translation>预计成交</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Reason lost</source>
        <translation>丢单原因</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>提醒</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>顺序</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>赢率</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签名</translation>
    </message>
    <message>
        <source>Field type</source>
        <translation>字段类型</translation>
    </message>
    <message>
        <source>Choices</source>
        <translation>选项</translation>
    </message>
</context>
<context>
    <name>FolderPicker</name>
    <message>
        <source>Move to Folder</source>
        <translation>移到文件夹</translation>
    </message>
    <message>
        <source>Type to filter folders</source>
        <translation>输入以筛选文件夹</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>移动</translation>
    </message>
</context>
<context>
    <name>FolderTree</name>
    <message>
        <source>Inbox</source>
        <translation>收件箱</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>草稿箱</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <source>Junk</source>
        <translation>垃圾邮件</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>FollowUps</name>
    <message>
        <source>No reply yet: {subject}</source>
        <translation>尚未回复：{subject}</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import Contacts</source>
        <translation>导入联系人</translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation>未选择文件</translation>
    </message>
    <message>
        <source>Choose File…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>A CSV file (from Excel, Outlook, Gmail, Thunderbird, Foxmail or another CRM), a vCard file (.vcf, from a phone) or an LDIF file (Thunderbird&apos;s address book). Every row is checked first; nothing is written until you press Import, and a file with any problem imports nothing.</source>
        <translation>CSV 文件（来自 Excel、Outlook、Gmail、Thunderbird、Foxmail 或其他 CRM）、vCard 文件（.vcf，来自手机）或 LDIF 文件（Thunderbird 通讯录）。会先检查每一行；按下“导入”之前不会写入任何内容，文件有任何问题都不会导入。</translation>
    </message>
    <message>
        <source>Contacts (*.csv *.vcf *.ldif *.txt);;All files (*)</source>
        <translation>联系人 (*.csv *.vcf *.ldif *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Checking the file…</source>
        <translation>正在检查文件…</translation>
    </message>
    <message>
        <source>The file could not be read.</source>
        <translation>无法读取该文件。</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) found: fix them in the file and choose it again. Nothing was imported.</source>
        <translation>
            <numerusform>发现 %n 个问题：请在文件中修正后重新选择。未导入任何内容。</numerusform>
        </translation>
    </message>
    <message>
        <source>The file has no contacts.</source>
        <translation>文件中没有联系人。</translation>
    </message>
    <message numerus="yes">
        <source>%n contact(s) ready to import. New: %1 · Updated: %2</source>
        <translation>
            <numerusform>%n 个联系人可导入。新增：%1 · 更新：%2</numerusform>
        </translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>名</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>姓</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>职位</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Columns: %1</source>
        <translation>列：%1</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
</context>
<context>
    <name>ListEditor</name>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
</context>
<context>
    <name>LostReasonDialog</name>
    <message>
        <source>Mark as Lost</source>
        <translation>标为丢单</translation>
    </message>
    <message>
        <source>Why was it lost?</source>
        <translation>丢单原因？</translation>
    </message>
    <message>
        <source>Why was “{title}” lost?</source>
        <translation>“{title}”为什么丢单？</translation>
    </message>
</context>
<context>
    <name>LostReasons</name>
    <message>
        <source>Price too high</source>
        <translation>价格太高</translation>
    </message>
    <message>
        <source>Went with a competitor</source>
        <translation>选择了竞争对手</translation>
    </message>
    <message>
        <source>No budget</source>
        <translation>没有预算</translation>
    </message>
    <message>
        <source>No decision made</source>
        <translation>未做决定</translation>
    </message>
    <message>
        <source>Timing</source>
        <translation>时机不对</translation>
    </message>
    <message>
        <source>Requirements not met</source>
        <translation>需求未满足</translation>
    </message>
    <message>
        <source>Stopped answering</source>
        <translation>不再回复</translation>
    </message>
</context>
<context>
    <name>MailImportDialog</name>
    <message>
        <source>Import Mail</source>
        <translation>导入邮件</translation>
    </message>
    <message>
        <source>Mail from Thunderbird, Apple Mail, Outlook or Foxmail: an mbox file, a folder of .eml files, or a Thunderbird profile. It goes into Local Folders, kept on this computer only, or up to an account&apos;s server, keeping dates and read state. Importing the same mail again adds only what is missing.</source>
        <translation>导入来自 Thunderbird、Apple Mail、Outlook 或 Foxmail 的邮件：mbox 文件、.eml 文件所在的文件夹或 Thunderbird 配置文件。邮件会放入仅保存在本机的本地文件夹，或上传到某个账户的服务器，并保留日期和已读状态。再次导入相同的邮件只会补上缺少的部分。</translation>
    </message>
    <message>
        <source>Nothing chosen</source>
        <translation>未选择</translation>
    </message>
    <message>
        <source>Choose File…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Choose Folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <source>Named after the file or folder</source>
        <translation>以文件或文件夹命名</translation>
    </message>
    <message>
        <source>Local Folders (this computer only)</source>
        <translation>本地文件夹（仅本机）</translation>
    </message>
    <message>
        <source>%1 (upload to the server)</source>
        <translation>%1（上传到服务器）</translation>
    </message>
    <message>
        <source>Where:</source>
        <translation>位置：</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>文件夹：</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Mail (*.mbox *.mbx *.eml);;All files (*)</source>
        <translation>邮件 (*.mbox *.mbx *.eml);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>%1: %2 read, %3 imported</source>
        <translation>%1：已读取 %2 封，已导入 %3 封</translation>
    </message>
    <message>
        <source>Stopped. What was imported is kept; import again to continue.</source>
        <translation>已停止。已导入的邮件会保留；再次导入即可继续。</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) imported into Local Folders.</source>
        <translation>
            <numerusform>已将 %n 封邮件导入本地文件夹。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) uploaded to %1.</source>
        <translation>
            <numerusform>已将 %n 封邮件上传到 %1。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n (was/were) there already.</source>
        <translation>
            <numerusform>%n 封已存在。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n deleted in the other program (was/were) left out.</source>
        <translation>
            <numerusform>%n 封已在原程序中删除，未导入。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could not be read (cut off, or not mail).</source>
        <translation>
            <numerusform>%n 封无法读取（内容不完整或不是邮件）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing more was imported.</source>
        <translation>没有导入新的邮件。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Liaison</source>
        <translation>Liaison</translation>
    </message>
    <message>
        <source>Mail</source>
        <translation>邮件</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Deals</source>
        <translation>商机</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Filed on the case.</source>
        <translation>已归入工单。</translation>
    </message>
    <message>
        <source>You are exploring sample data: these customers and messages are made up, and nothing is sent.</source>
        <translation>您正在浏览示例数据：这些客户和邮件都是虚构的，不会发送任何内容。</translation>
    </message>
    <message>
        <source>Leave Sample Data</source>
        <translation>退出示例数据</translation>
    </message>
    <message>
        <source>Liaison — sample data</source>
        <translation>Liaison — 示例数据</translation>
    </message>
    <message>
        <source>No messages in this folder.</source>
        <translation>此文件夹中没有邮件。</translation>
    </message>
    <message>
        <source>No more unread messages in this folder.</source>
        <translation>此文件夹中没有更多未读邮件。</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <source>Follow Up</source>
        <translation>跟进</translation>
    </message>
    <message>
        <source>Remind me if nobody replies within how many days?</source>
        <translation>如果多少天内没人回复就提醒我？</translation>
    </message>
    <message numerus="yes">
        <source>A task will appear if nobody replies within %n day(s).</source>
        <translation>
            <numerusform>如果 %n 天内没人回复，将出现一个任务。</numerusform>
        </translation>
    </message>
    <message>
        <source>About Liaison</source>
        <translation>关于 Liaison</translation>
    </message>
    <message>
        <source>&lt;b&gt;Liaison %1&lt;/b&gt;</source>
        <translation>&lt;b&gt;Liaison %1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Mail and customers side by side, for sales teams.

Qt %1 · Python %2
Profile: %3</source>
        <translation>邮件与客户并排管理，为销售团队而生。

Qt %1 · Python %2
配置文件：%3</translation>
    </message>
    <message>
        <source>%1: syncing…</source>
        <translation>%1：正在同步…</translation>
    </message>
    <message>
        <source>%1: up to date (last sync %2)</source>
        <translation>%1：已是最新（上次同步 %2）</translation>
    </message>
    <message>
        <source>%1: offline — %2</source>
        <translation>%1：离线 — %2</translation>
    </message>
    <message>
        <source>%1: sync failed — %2</source>
        <translation>%1：同步失败 — %2</translation>
    </message>
    <message>
        <source>%1: the server did not accept the password — %2</source>
        <translation>%1：服务器未接受密码 — %2</translation>
    </message>
    <message>
        <source>%1: indexing for search (%3 of %4 messages)</source>
        <translation>%1：正在建立搜索索引（%3 / %4 封邮件）</translation>
    </message>
    <message>
        <source>%1: syncing %2 (%3 of %4 new messages)</source>
        <translation>%1：正在同步 %2（%3 / %4 封新邮件）</translation>
    </message>
</context>
<context>
    <name>MarkdownToolbar</name>
    <message>
        <source>Bold</source>
        <translation>粗体</translation>
    </message>
    <message>
        <source>Bold (Ctrl+B)</source>
        <translation>粗体 (Ctrl+B)</translation>
    </message>
    <message>
        <source>Italic</source>
        <translation>斜体</translation>
    </message>
    <message>
        <source>Italic (Ctrl+I)</source>
        <translation>斜体 (Ctrl+I)</translation>
    </message>
    <message>
        <source>Bulleted List</source>
        <translation>项目符号列表</translation>
    </message>
    <message>
        <source>Bulleted list</source>
        <translation>项目符号列表</translation>
    </message>
    <message>
        <source>Numbered List</source>
        <translation>编号列表</translation>
    </message>
    <message>
        <source>Numbered list</source>
        <translation>编号列表</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>引用</translation>
    </message>
    <message>
        <source>Link…</source>
        <translation>链接…</translation>
    </message>
    <message>
        <source>Link (Ctrl+K)</source>
        <translation>链接 (Ctrl+K)</translation>
    </message>
    <message>
        <source>Table…</source>
        <translation>表格…</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>表格</translation>
    </message>
    <message>
        <source>Image…</source>
        <translation>图片…</translation>
    </message>
    <message>
        <source>Picture in the text</source>
        <translation>正文中的图片</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>链接</translation>
    </message>
    <message>
        <source>Address (web page or e-mail):</source>
        <translation>地址（网页或邮箱）：</translation>
    </message>
    <message>
        <source>Column %1</source>
        <translation>第 %1 列</translation>
    </message>
    <message>
        <source>Picture in the Text</source>
        <translation>正文中的图片</translation>
    </message>
    <message>
        <source>Pictures (%1)</source>
        <translation>图片 (%1)</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Merge Contacts</source>
        <translation>合并联系人</translation>
    </message>
    <message>
        <source>Choose the contact that is the same person as %1. Its addresses, phones, notes, calls, tasks, deals and mail move to the contact kept; nothing is lost.</source>
        <translation>选择与 %1 是同一人的联系人。其地址、电话、备注、通话、任务、商机和邮件都会移到保留的联系人下；不会丢失任何内容。</translation>
    </message>
    <message>
        <source>Filter by name, address or company</source>
        <translation>按姓名、地址或公司筛选</translation>
    </message>
    <message>
        <source>Keep the other contact&apos;s details where both have one</source>
        <translation>两者都有的信息，保留另一个联系人的</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
</context>
<context>
    <name>MessageActions</name>
    <message>
        <source>Mark as &amp;Read/Unread</source>
        <translation>标为已读/未读(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Flag/Unflag</source>
        <translation>标记/取消标记(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Archive</source>
        <translation>归档(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Move to Folder…</source>
        <translation>移到文件夹(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Undo Delete/Move</source>
        <translation>撤销删除/移动(&amp;U)</translation>
    </message>
    <message>
        <source>Keep &amp;Private (Not Shared with the Team)</source>
        <translation>保持私有（不与团队共享）(&amp;P)</translation>
    </message>
    <message>
        <source>File on &amp;Case…</source>
        <translation>归入工单(&amp;C)…</translation>
    </message>
    <message>
        <source>Put the message on a customer&apos;s service case</source>
        <translation>将邮件归入客户的服务工单</translation>
    </message>
    <message>
        <source>This message has no Message-ID: it cannot be filed on a case.</source>
        <translation>这封邮件没有 Message-ID：无法归入工单。</translation>
    </message>
    <message>
        <source>The move is still being sent to the server; try Undo again in a moment.</source>
        <translation>移动操作仍在发往服务器；请稍后再试撤销。</translation>
    </message>
</context>
<context>
    <name>MessageListModel</name>
    <message>
        <source>(no subject)</source>
        <translation>（无主题）</translation>
    </message>
    <message>
        <source>(no recipient)</source>
        <translation>（无收件人）</translation>
    </message>
    <message>
        <source>To: %1</source>
        <translation>收件人：%1</translation>
    </message>
    <message>
        <source>To</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>From</source>
        <translation>发件人</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
</context>
<context>
    <name>NewCaseDialog</name>
    <message>
        <source>New Case</source>
        <translation>新建工单</translation>
    </message>
    <message>
        <source>What the customer needs</source>
        <translation>客户的需求</translation>
    </message>
    <message>
        <source>No customer</source>
        <translation>无客户</translation>
    </message>
    <message>
        <source>Email address of who handles it</source>
        <translation>处理人的邮箱地址</translation>
    </message>
    <message>
        <source>What happened, what was promised…</source>
        <translation>发生了什么、作出了什么承诺…</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Open Case</source>
        <translation>创建工单</translation>
    </message>
    <message>
        <source>The message is filed on the new case.</source>
        <translation>邮件将归入新工单。</translation>
    </message>
    <message>
        <source>Pick a contact or a company from the list, or leave it empty</source>
        <translation>从列表中选择联系人或公司，也可以留空</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>New Note</source>
        <translation>新建备注</translation>
    </message>
    <message>
        <source>What should you remember about this customer?</source>
        <translation>关于这位客户，您需要记住什么？</translation>
    </message>
</context>
<context>
    <name>OutboxDialog</name>
    <message>
        <source>Outbox</source>
        <translation>发件箱</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>To</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Send Again</source>
        <translation>重新发送</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>正在发送</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>Not confirmed</source>
        <translation>未确认</translation>
    </message>
</context>
<context>
    <name>PasswordPrompt</name>
    <message>
        <source>Sign In to %1</source>
        <translation>登录 %1</translation>
    </message>
    <message>
        <source>Liaison needs the authorisation code of %1 &lt;%2&gt; to sync it.</source>
        <translation>Liaison 需要 %1 &lt;%2&gt; 的授权码才能同步。</translation>
    </message>
    <message>
        <source>Liaison needs an app password for %1 &lt;%2&gt; to sync it.</source>
        <translation>Liaison 需要 %1 &lt;%2&gt; 的应用专用密码才能同步。</translation>
    </message>
    <message>
        <source>Liaison needs the password of %1 &lt;%2&gt; to sync it.</source>
        <translation>Liaison 需要 %1 &lt;%2&gt; 的密码才能同步。</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Authorisation code:</source>
        <translation>授权码：</translation>
    </message>
    <message>
        <source>App password:</source>
        <translation>应用专用密码：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>账户：</translation>
    </message>
    <message>
        <source>No password is stored for this account yet.</source>
        <translation>此账户尚未保存密码。</translation>
    </message>
    <message>
        <source>The server refused the sign-in. It said: “%1”</source>
        <translation>服务器拒绝登录，原因：“%1”</translation>
    </message>
    <message>
        <source>The server refused the sign-in.</source>
        <translation>服务器拒绝登录。</translation>
    </message>
    <message>
        <source>If your provider uses app passwords or authorisation codes, enter one of those instead of the password you use on the web.</source>
        <translation>如果您的邮箱服务商使用应用专用密码或授权码，请输入它，而不是网页登录密码。</translation>
    </message>
    <message>
        <source>Saving in the system keyring…</source>
        <translation>正在保存到系统密钥环…</translation>
    </message>
    <message>
        <source>The password could not be saved: Liaison ran into a bug.</source>
        <translation>无法保存密码：Liaison 出现错误。</translation>
    </message>
</context>
<context>
    <name>PersonRowWidget</name>
    <message>
        <source>Open %1</source>
        <translation>打开 %1</translation>
    </message>
</context>
<context>
    <name>PrimaryPasswordDialog</name>
    <message>
        <source>Current primary password:</source>
        <translation>当前主密码：</translation>
    </message>
    <message>
        <source>New primary password:</source>
        <translation>新主密码：</translation>
    </message>
    <message>
        <source>Primary password:</source>
        <translation>主密码：</translation>
    </message>
    <message>
        <source>Repeat it:</source>
        <translation>再输入一次：</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Unlock Your Passwords</source>
        <translation>解锁您的密码</translation>
    </message>
    <message>
        <source>Create a Primary Password</source>
        <translation>设置主密码</translation>
    </message>
    <message>
        <source>Change the Primary Password</source>
        <translation>更改主密码</translation>
    </message>
    <message>
        <source>Your mail passwords are kept in an encrypted file. Enter your primary password to unlock them for this session.</source>
        <translation>您的邮箱密码保存在一个加密文件中。请输入主密码，为本次会话解锁。</translation>
    </message>
    <message>
        <source>This computer has no system keyring, so Liaison keeps your mail passwords in an encrypted file. Choose a primary password to protect it; you will enter it once each time Liaison starts. It cannot be recovered if you forget it.</source>
        <translation>这台电脑没有系统密钥环，因此 Liaison 把您的邮箱密码保存在一个加密文件中。请设置一个主密码来保护它；每次启动 Liaison 时输入一次。忘记主密码将无法找回。</translation>
    </message>
    <message>
        <source>Every password in the encrypted file is sealed again with the new primary password.</source>
        <translation>加密文件中的所有密码都会用新的主密码重新加密。</translation>
    </message>
    <message>
        <source>Enter the primary password.</source>
        <translation>请输入主密码。</translation>
    </message>
    <message>
        <source>A primary password needs at least {count} characters.</source>
        <translation>主密码至少需要 {count} 个字符。</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Something went wrong inside Liaison ({error}); the details are in the log.</source>
        <translation>Liaison 内部出错（{error}）；详情见日志。</translation>
    </message>
</context>
<context>
    <name>ProfileOpening</name>
    <message>
        <source>Copying your mail and customers into an encrypted file…</source>
        <translation>正在把您的邮件和客户资料复制到加密文件中…</translation>
    </message>
    <message>
        <source>Checking the encrypted copy…</source>
        <translation>正在检查加密副本…</translation>
    </message>
    <message>
        <source>Replacing the unencrypted file…</source>
        <translation>正在替换未加密的文件…</translation>
    </message>
    <message>
        <source>Encrypting the backups…</source>
        <translation>正在加密备份…</translation>
    </message>
    <message>
        <source>Encrypting your profile — {app}</source>
        <translation>正在加密您的配置文件 — {app}</translation>
    </message>
    <message>
        <source>Liaison is encrypting your profile (AES-256, the key in the system keyring). This happens once.</source>
        <translation>Liaison 正在加密您的配置文件（AES-256，密钥保存在系统密钥环中）。此操作只进行一次。</translation>
    </message>
    <message>
        <source>Step {step} of {steps}: {what}</source>
        <translation>第 {step} 步，共 {steps} 步：{what}</translation>
    </message>
</context>
<context>
    <name>Providers</name>
    <message>
        <source>139 Mail may need an authorisation code: in the web mailbox open Settings → Client settings (客户端设置), switch on IMAP/SMTP and create one.</source>
        <translation>139 邮箱可能需要授权码：在网页邮箱中打开“设置 → 客户端设置”，开启 IMAP/SMTP 并生成授权码。</translation>
    </message>
    <message>
        <source>Ask your mail administrator to allow IMAP for your mailbox.</source>
        <translation>请让邮件管理员为您的邮箱开启 IMAP。</translation>
    </message>
    <message>
        <source>Ask your mail administrator to allow IMAP/SMTP for your mailbox.</source>
        <translation>请让邮件管理员为您的邮箱开启 IMAP/SMTP。</translation>
    </message>
    <message>
        <source>Ask your mail administrator to allow IMAP/SMTP, or switch it on in Exmail on the web under Settings → Client settings (客户端设置).</source>
        <translation>请让邮件管理员开启 IMAP/SMTP，或在网页版腾讯企业邮的“设置 → 客户端设置”中开启。</translation>
    </message>
    <message>
        <source>Google needs an app password, not your Google password: turn on 2-Step Verification, then create one at https://myaccount.google.com/apppasswords.</source>
        <translation>Google 需要应用专用密码，而不是 Google 账号密码：请先开启两步验证，然后在 https://myaccount.google.com/apppasswords 创建。</translation>
    </message>
    <message>
        <source>In 139 Mail on the web open Settings → Client settings and switch on IMAP.</source>
        <translation>在网页版 139 邮箱中打开“设置 → 客户端设置”，开启 IMAP。</translation>
    </message>
    <message>
        <source>In Aliyun Mail on the web open Settings → POP3/SMTP/IMAP and switch on IMAP/SMTP.</source>
        <translation>在网页版阿里邮箱中打开“设置 → POP3/SMTP/IMAP”，开启 IMAP/SMTP。</translation>
    </message>
    <message>
        <source>In Gmail on the web open Settings → Forwarding and POP/IMAP and enable IMAP.</source>
        <translation>在网页版 Gmail 中打开“设置 → 转发和 POP/IMAP”，启用 IMAP。</translation>
    </message>
    <message>
        <source>In Outlook on the web open Settings → Mail → Forwarding and IMAP and allow IMAP.</source>
        <translation>在网页版 Outlook 中打开“设置 → 邮件 → 转发和 IMAP”，允许 IMAP。</translation>
    </message>
    <message>
        <source>In Sina Mail on the web open Settings → Client POP/IMAP/SMTP and switch on IMAP.</source>
        <translation>在网页版新浪邮箱中打开“设置 → 客户端 POP/IMAP/SMTP”，开启 IMAP。</translation>
    </message>
    <message>
        <source>In Sohu Mail on the web open Settings → POP3/SMTP/IMAP and switch on IMAP.</source>
        <translation>在网页版搜狐邮箱中打开“设置 → POP3/SMTP/IMAP”，开启 IMAP。</translation>
    </message>
    <message>
        <source>In Zoho Mail open Settings → Mail Accounts → IMAP and enable IMAP access.</source>
        <translation>在 Zoho Mail 中打开“设置 → 邮件账户 → IMAP”，启用 IMAP 访问。</translation>
    </message>
    <message>
        <source>Microsoft has turned off password sign-in for most Outlook.com and Microsoft 365 mailboxes; it works only where your administrator still allows app passwords (account.microsoft.com → Security).</source>
        <translation>微软已对大多数 Outlook.com 和 Microsoft 365 邮箱关闭密码登录；只有管理员仍允许应用密码时才可用（account.microsoft.com → 安全）。</translation>
    </message>
    <message>
        <source>NetEase mail needs an authorisation code (授权码), not your web password: in the web mailbox open Settings → POP3/SMTP/IMAP, switch on IMAP/SMTP and create an authorisation code.</source>
        <translation>网易邮箱需要授权码，而不是网页登录密码：在网页邮箱中打开“设置 → POP3/SMTP/IMAP”，开启 IMAP/SMTP 并生成授权码。</translation>
    </message>
    <message>
        <source>QQ Mail needs an authorisation code (授权码), not your QQ password: in QQ Mail on the web open Settings → Account → POP3/IMAP/SMTP service, switch on IMAP/SMTP and generate an authorisation code.</source>
        <translation>QQ 邮箱需要授权码，而不是 QQ 密码：在网页版 QQ 邮箱中打开“设置 → 账号 → POP3/IMAP/SMTP 服务”，开启 IMAP/SMTP 并生成授权码。</translation>
    </message>
    <message>
        <source>Sina Mail needs an authorisation code (授权码): in the web mailbox open Settings → Client POP/IMAP/SMTP, switch on IMAP and create one.</source>
        <translation>新浪邮箱需要授权码：在网页邮箱中打开“设置 → 客户端 POP/IMAP/SMTP”，开启 IMAP 并生成授权码。</translation>
    </message>
    <message>
        <source>Sohu Mail needs its separate client password (独立密码): in the web mailbox open Settings → POP3/SMTP/IMAP, switch on the service and set it.</source>
        <translation>搜狐邮箱需要独立密码：在网页邮箱中打开“设置 → POP3/SMTP/IMAP”，开启服务并设置独立密码。</translation>
    </message>
    <message>
        <source>Tencent Exmail may need a client-specific password when secure login is on: in Exmail on the web open Settings → Account → Client-specific password (客户端专用密码).</source>
        <translation>开启安全登录后，腾讯企业邮可能需要客户端专用密码：在网页版企业邮中打开“设置 → 账户 → 客户端专用密码”。</translation>
    </message>
    <message>
        <source>With two-factor sign-in on, Zoho needs an application-specific password: My Account → Security → App Passwords.</source>
        <translation>开启两步登录后，Zoho 需要应用专用密码：我的账户 → 安全 → 应用密码。</translation>
    </message>
    <message>
        <source>Yahoo needs an app password: open Account info → Account security → Generate app password.</source>
        <translation>Yahoo 需要应用专用密码：打开“账户信息 → 账户安全 → 生成应用密码”。</translation>
    </message>
    <message>
        <source>iCloud needs an app-specific password: sign in at https://account.apple.com → Sign-In and Security → App-Specific Passwords.</source>
        <translation>iCloud 需要 App 专用密码：登录 https://account.apple.com → 登录与安全 → App 专用密码。</translation>
    </message>
</context>
<context>
    <name>ReaderPane</name>
    <message>
        <source>Load for this message</source>
        <translation>为此邮件加载</translation>
    </message>
    <message>
        <source>Select a message to read it here.</source>
        <translation>选择一封邮件在此阅读。</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>（无主题）</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) in this conversation</source>
        <translation>
            <numerusform>此会话中有 %n 封邮件</numerusform>
        </translation>
    </message>
    <message>
        <source>To: %1</source>
        <translation>收件人：%1</translation>
    </message>
    <message>
        <source>Cc: %1</source>
        <translation>抄送：%1</translation>
    </message>
    <message>
        <source>The body of this message is not stored yet.</source>
        <translation>此邮件的正文尚未保存到本机。</translation>
    </message>
    <message numerus="yes">
        <source>To protect your privacy, %n remote image(s) or style(s) were not loaded.</source>
        <translation>
            <numerusform>为保护您的隐私，有 %n 个远程图片或样式未加载。</numerusform>
        </translation>
    </message>
    <message>
        <source>Always for this sender</source>
        <translation>对此发件人始终加载</translation>
    </message>
    <message>
        <source>Always load remote content in mail from %1</source>
        <translation>始终加载来自 %1 的邮件中的远程内容</translation>
    </message>
    <message>
        <source>Suspicious link</source>
        <translation>可疑链接</translation>
    </message>
    <message>
        <source>The link text shows %1, but the link goes to:

%2

Open it anyway?</source>
        <translation>链接文字显示为 %1，但实际指向：

%2

仍要打开吗？</translation>
    </message>
    <message>
        <source>Message Source</source>
        <translation>邮件源码</translation>
    </message>
</context>
<context>
    <name>RecordHistoryDialog</name>
    <message>
        <source>History: {name}</source>
        <translation>历史：{name}</translation>
    </message>
</context>
<context>
    <name>RecordHistoryView</name>
    <message>
        <source>Restore This Version</source>
        <translation>恢复此版本</translation>
    </message>
    <message>
        <source>Bring every field back to how it was in this version; the team gets it at the next sync</source>
        <translation>将所有字段恢复为此版本的内容；团队会在下次同步时收到</translation>
    </message>
    <message>
        <source>Reading the history…</source>
        <translation>正在读取历史…</translation>
    </message>
    <message>
        <source>Every version from every device, from the team server.</source>
        <translation>来自团队服务器的所有设备的全部版本。</translation>
    </message>
    <message>
        <source>Not on the team server yet: the history on this computer.</source>
        <translation>尚未同步到团队服务器：显示的是本机上的历史。</translation>
    </message>
    <message>
        <source>The team server cannot be reached: only the history on this computer is shown.</source>
        <translation>无法连接团队服务器：只显示本机上的历史。</translation>
    </message>
    <message>
        <source>The team server no longer accepts this computer: only the history on this computer is shown.</source>
        <translation>团队服务器不再接受这台电脑：只显示本机上的历史。</translation>
    </message>
    <message>
        <source>The team server did not give this record&apos;s history ({reason}): only the history on this computer is shown.</source>
        <translation>团队服务器未提供此记录的历史（{reason}）：只显示本机上的历史。</translation>
    </message>
    <message>
        <source>Version {number} · {when} · {who}</source>
        <translation>版本 {number} · {when} · {who}</translation>
    </message>
    <message>
        <source>the server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Version {number} · {when} · not sent to the team yet</source>
        <translation>版本 {number} · {when} · 尚未发送给团队</translation>
    </message>
    <message>
        <source>by you</source>
        <translation>由您</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>merged</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>restored</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>erased</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>from the team</source>
        <translation>来自团队</translation>
    </message>
    <message>
        <source>Version {number} · {when} · {origin}</source>
        <translation>版本 {number} · {when} · {origin}</translation>
    </message>
    <message>
        <source>On this computer</source>
        <translation>在这台电脑上</translation>
    </message>
    <message>
        <source>On the server</source>
        <translation>在服务器上</translation>
    </message>
    <message>
        <source>On another device ({id})</source>
        <translation>在另一台设备上（{id}）</translation>
    </message>
    <message>
        <source>Revision {revision} on the team server, sent by {who} from device {device}</source>
        <translation>团队服务器上的修订 {revision}，由 {who} 从设备 {device} 发送</translation>
    </message>
    <message>
        <source>Every value of this version lost a collision; restoring it brings them back.</source>
        <translation>此版本的每个值都在冲突中落选；恢复它可以找回这些值。</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>销售阶段</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Expected close</source>
        <translation>预计成交</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Loss reason</source>
        <translation>丢单原因</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>名</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>姓</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Domains</source>
        <translation>域名</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>邮件</translation>
    </message>
    <message>
        <source>Deal</source>
        <translation>商机</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>职位</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>赢单</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>丢单</translation>
    </message>
    <message>
        <source>Another contact merged into this one</source>
        <translation>另一个联系人已合并到此联系人</translation>
    </message>
    <message>
        <source>Erased</source>
        <translation>已清除</translation>
    </message>
    <message>
        <source>Deal added</source>
        <translation>商机已添加</translation>
    </message>
    <message>
        <source>Deal deleted</source>
        <translation>商机已删除</translation>
    </message>
    <message>
        <source>Deal brought back</source>
        <translation>商机已恢复</translation>
    </message>
    <message>
        <source>Contact added</source>
        <translation>联系人已添加</translation>
    </message>
    <message>
        <source>Contact deleted</source>
        <translation>联系人已删除</translation>
    </message>
    <message>
        <source>Contact brought back</source>
        <translation>联系人已恢复</translation>
    </message>
    <message>
        <source>Company added</source>
        <translation>公司已添加</translation>
    </message>
    <message>
        <source>Company deleted</source>
        <translation>公司已删除</translation>
    </message>
    <message>
        <source>Company brought back</source>
        <translation>公司已恢复</translation>
    </message>
    <message>
        <source>Case opened</source>
        <translation>工单已创建</translation>
    </message>
    <message>
        <source>Case deleted</source>
        <translation>工单已删除</translation>
    </message>
    <message>
        <source>Case brought back</source>
        <translation>工单已恢复</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>已添加</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>Brought back</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <source>{field}: + {value}</source>
        <translation>{field}：+ {value}</translation>
    </message>
    <message>
        <source>{field}: − {value}</source>
        <translation>{field}：− {value}</translation>
    </message>
    <message>
        <source>{field}: {old} → {new}</source>
        <translation>{field}：{old} → {new}</translation>
    </message>
    <message>
        <source>(lost in a collision, not applied)</source>
        <translation>（在冲突中落选，未应用）</translation>
    </message>
</context>
<context>
    <name>RecordPanel</name>
    <message>
        <source>Note…</source>
        <translation>备注…</translation>
    </message>
    <message>
        <source>Write a note about this customer</source>
        <translation>为该客户写条备注</translation>
    </message>
    <message>
        <source>Call…</source>
        <translation>通话…</translation>
    </message>
    <message>
        <source>Log a phone call</source>
        <translation>记录一次电话</translation>
    </message>
    <message>
        <source>Meeting…</source>
        <translation>会议…</translation>
    </message>
    <message>
        <source>Log a meeting: when, how long, who took part</source>
        <translation>记录一次会议：时间、时长、参与人</translation>
    </message>
    <message>
        <source>Task…</source>
        <translation>任务…</translation>
    </message>
    <message>
        <source>Add a task with a due date</source>
        <translation>添加带截止日期的任务</translation>
    </message>
    <message>
        <source>History…</source>
        <translation>历史…</translation>
    </message>
    <message>
        <source>Every version of this record, from every device; restore one</source>
        <translation>此记录在所有设备上的每个版本；可恢复其中之一</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Open Message</source>
        <translation>打开邮件</translation>
    </message>
    <message>
        <source>Mark Done</source>
        <translation>标为完成</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Note deleted.</source>
        <translation>备注已删除。</translation>
    </message>
    <message>
        <source>Call deleted.</source>
        <translation>通话已删除。</translation>
    </message>
    <message>
        <source>Meeting deleted.</source>
        <translation>会议已删除。</translation>
    </message>
    <message>
        <source>Task deleted.</source>
        <translation>任务已删除。</translation>
    </message>
</context>
<context>
    <name>RecordParts</name>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Tomorrow</source>
        <translation>明天</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>Open the deal</source>
        <translation>打开商机</translation>
    </message>
    <message>
        <source>closes %1</source>
        <translation>%1 成交</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>赢单</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>丢单</translation>
    </message>
    <message>
        <source>Mark as done</source>
        <translation>标为完成</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>Reminders</name>
    <message>
        <source>Task due: %1</source>
        <translation>任务到期：%1</translation>
    </message>
    <message>
        <source>Liaison</source>
        <translation>Liaison</translation>
    </message>
</context>
<context>
    <name>ReportsView</name>
    <message>
        <source>Stage</source>
        <translation>销售阶段</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Deals</source>
        <translation>商机</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>赢率</translation>
    </message>
    <message>
        <source>Weighted</source>
        <translation>加权金额</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>赢单</translation>
    </message>
    <message>
        <source>Won amount</source>
        <translation>赢单金额</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>丢单</translation>
    </message>
    <message>
        <source>Lost amount</source>
        <translation>丢单金额</translation>
    </message>
    <message>
        <source>Loss reasons</source>
        <translation>丢单原因</translation>
    </message>
    <message>
        <source>Deal</source>
        <translation>商机</translation>
    </message>
    <message>
        <source>Days in stage</source>
        <translation>在此阶段天数</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Deal id</source>
        <translation>商机 ID</translation>
    </message>
    <message>
        <source>Went on from the stage before</source>
        <translation>从上一阶段转入</translation>
    </message>
    <message>
        <source>Of all</source>
        <translation>占全部</translation>
    </message>
    <message>
        <source>By</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Replies</source>
        <translation>回复数</translation>
    </message>
    <message>
        <source>Median wait</source>
        <translation>等待时间中位数</translation>
    </message>
    <message>
        <source>90% answered within</source>
        <translation>90% 在此时间内回复</translation>
    </message>
    <message>
        <source>Waiting for</source>
        <translation>已等待</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>上次联系</translation>
    </message>
    <message>
        <source>Days since</source>
        <translation>距今天数</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Mail sent</source>
        <translation>已发邮件</translation>
    </message>
    <message>
        <source>Mail received</source>
        <translation>已收邮件</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>通话</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Tasks done</source>
        <translation>已完成任务</translation>
    </message>
    <message>
        <source>Pipeline by stage</source>
        <translation>各阶段商机</translation>
    </message>
    <message>
        <source>Funnel</source>
        <translation>销售漏斗</translation>
    </message>
    <message>
        <source>Forecast by close month</source>
        <translation>按成交月份预测</translation>
    </message>
    <message>
        <source>Won and lost</source>
        <translation>赢单与丢单</translation>
    </message>
    <message>
        <source>Stuck deals</source>
        <translation>停滞的商机</translation>
    </message>
    <message>
        <source>Response time</source>
        <translation>回复时间</translation>
    </message>
    <message>
        <source>Customers not contacted</source>
        <translation>未联系的客户</translation>
    </message>
    <message>
        <source>Activity per week</source>
        <translation>每周活动</translation>
    </message>
    <message>
        <source>Colleague</source>
        <translation>同事</translation>
    </message>
    <message>
        <source>Waiting for a reply</source>
        <translation>等待回复</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>This quarter</source>
        <translation>本季度</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>今年</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>邮件</translation>
    </message>
    <message>
        <source>Colleague&apos;s message</source>
        <translation>同事的邮件</translation>
    </message>
    <message>
        <source>Every owner</source>
        <translation>所有负责人</translation>
    </message>
    <message>
        <source>Every team</source>
        <translation>所有团队</translation>
    </message>
    <message>
        <source>Any tag</source>
        <translation>任意标签</translation>
    </message>
    <message>
        <source>Only customers with this tag, and their deals</source>
        <translation>仅限带有此标签的客户及其商机</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Stuck deals and customers not contacted: longer than this</source>
        <translation>停滞的商机和未联系的客户：超过此天数</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>Dashboard PDF…</source>
        <translation>报表总览 PDF…</translation>
    </message>
    <message>
        <source>Every report with these filters, a page each, as one PDF</source>
        <translation>按当前筛选条件导出全部报表，每份一页，合成一个 PDF</translation>
    </message>
    <message>
        <source>Select a row to see what it counts.</source>
        <translation>选择一行，查看其中包含的记录。</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>时间段：</translation>
    </message>
    <message>
        <source>Owner:</source>
        <translation>负责人：</translation>
    </message>
    <message>
        <source>Team:</source>
        <translation>团队：</translation>
    </message>
    <message>
        <source>Tag:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <source>Waiting longer than:</source>
        <translation>等待超过：</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
    <message>
        <source>Set by your organisation: reports cannot be exported on this computer.</source>
        <translation>由您的组织设定：此电脑上不能导出报表。</translation>
    </message>
    <message numerus="yes">
        <source>Behind this row, the first %n messages (double-click to open)</source>
        <translation>
            <numerusform>这一行的前 %n 封邮件（双击打开）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Behind this row: %n (double-click to open)</source>
        <translation>
            <numerusform>这一行包含 %n 条记录（双击打开）</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing behind this row to open.</source>
        <translation>这一行没有可打开的内容。</translation>
    </message>
    <message>
        <source>That message is no longer shared with you.</source>
        <translation>这封邮件已不再与您共享。</translation>
    </message>
    <message>
        <source>Save Dashboard</source>
        <translation>保存报表总览</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Export Report</source>
        <translation>导出报表</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
</context>
<context>
    <name>RuleEditor</name>
    <message>
        <source>Edit Rule</source>
        <translation>编辑规则</translation>
    </message>
    <message>
        <source>New Rule</source>
        <translation>新建规则</translation>
    </message>
    <message>
        <source>e.g. Complaints become cases</source>
        <translation>如：投诉转为工单</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Just me</source>
        <translation>仅我自己</translation>
    </message>
    <message>
        <source>The whole team</source>
        <translation>整个团队</translation>
    </message>
    <message>
        <source>all of these conditions hold</source>
        <translation>满足以下全部条件</translation>
    </message>
    <message>
        <source>any of these conditions holds</source>
        <translation>满足以下任一条件</translation>
    </message>
    <message>
        <source>Add Condition</source>
        <translation>添加条件</translation>
    </message>
    <message>
        <source>Add Action</source>
        <translation>添加动作</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>What would this rule have matched among what is stored? Nothing is done.</source>
        <translation>在已保存的数据中，此规则会匹配到哪些？不会执行任何操作。</translation>
    </message>
    <message>
        <source>Double-click a message to open it</source>
        <translation>双击邮件即可打开</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>For:</source>
        <translation>适用于：</translation>
    </message>
    <message>
        <source>When</source>
        <translation>触发条件</translation>
    </message>
    <message>
        <source>If</source>
        <translation>条件</translation>
    </message>
    <message>
        <source>Act when</source>
        <translation>执行条件</translation>
    </message>
    <message>
        <source>Then</source>
        <translation>动作</translation>
    </message>
    <message>
        <source>In words</source>
        <translation>规则说明</translation>
    </message>
    <message>
        <source>This rule&apos;s conditions are nested; they are kept as they are: %1</source>
        <translation>此规则的条件有嵌套，将保持原样：%1</translation>
    </message>
    <message>
        <source>Give the rule a name.</source>
        <translation>请为规则命名。</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>正在测试…</translation>
    </message>
    <message numerus="yes">
        <source>Would have matched %1 of %2 message(s)</source>
        <translation>
            <numerusform>会匹配 %2 封邮件中的 %1 封</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Would have matched %1 of %2 record(s)</source>
        <translation>
            <numerusform>会匹配 %2 条记录中的 %1 条</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Would have matched %1 of %2 change(s)</source>
        <translation>
            <numerusform>会匹配 %2 次修改中的 %1 次</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Would have matched %1 of %2 scheduled time(s)</source>
        <translation>
            <numerusform>会匹配 %2 个计划时间中的 %1 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(the first %n are listed)</source>
        <translation>
            <numerusform>（列出前 %n 项）</numerusform>
        </translation>
    </message>
    <message>
        <source>Double-click to open this message</source>
        <translation>双击打开此邮件</translation>
    </message>
    <message>
        <source>me</source>
        <translation>我</translation>
    </message>
    <message>
        <source>the event&apos;s record or customer</source>
        <translation>事件的记录或客户</translation>
    </message>
    <message>
        <source>In folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>收件箱</translation>
    </message>
    <message>
        <source>any folder</source>
        <translation>任意文件夹</translation>
    </message>
    <message>
        <source>Of account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>any account</source>
        <translation>任意账户</translation>
    </message>
    <message>
        <source>From account</source>
        <translation>发件账户</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>any value</source>
        <translation>任意值</translation>
    </message>
    <message>
        <source>To</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>After</source>
        <translation>超过</translation>
    </message>
    <message>
        <source>e.g. 2d, 48h</source>
        <translation>如 2d、48h</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>Every</source>
        <translation>每</translation>
    </message>
    <message>
        <source>day</source>
        <translation>天</translation>
    </message>
    <message>
        <source>week</source>
        <translation>周</translation>
    </message>
    <message>
        <source>At</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>On</source>
        <translation>星期</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Assigned to</source>
        <translation>指派给</translation>
    </message>
    <message>
        <source>Due in</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>e.g. 2d, 4h</source>
        <translation>如 2d、4h</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>To folder</source>
        <translation>目标文件夹</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>已标记</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>已读</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>email address</source>
        <translation>邮箱地址</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Deal</source>
        <translation>商机</translation>
    </message>
    <message>
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>the sender</source>
        <translation>发件人</translation>
    </message>
    <message>
        <source>the contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>the deal&apos;s contact</source>
        <translation>商机的联系人</translation>
    </message>
    <message>
        <source>or an address</source>
        <translation>或输入地址</translation>
    </message>
    <message>
        <source>the event&apos;s account</source>
        <translation>事件所在账户</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>正文</translation>
    </message>
    <message>
        <source>Sender address</source>
        <translation>发件人地址</translation>
    </message>
    <message>
        <source>Sender name</source>
        <translation>发件人姓名</translation>
    </message>
    <message>
        <source>Sender&apos;s domain</source>
        <translation>发件人域名</translation>
    </message>
    <message>
        <source>Cc</source>
        <translation>抄送</translation>
    </message>
    <message>
        <source>Any recipient</source>
        <translation>任一收件人</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Has an attachment</source>
        <translation>有附件</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Customer: name</source>
        <translation>客户：名称</translation>
    </message>
    <message>
        <source>Customer: tags</source>
        <translation>客户：标签</translation>
    </message>
    <message>
        <source>Customer: owner</source>
        <translation>客户：负责人</translation>
    </message>
    <message>
        <source>Contact: email address</source>
        <translation>联系人：邮箱地址</translation>
    </message>
    <message>
        <source>Contact: job title</source>
        <translation>联系人：职位</translation>
    </message>
    <message>
        <source>Company: name</source>
        <translation>公司：名称</translation>
    </message>
    <message>
        <source>Company: industry</source>
        <translation>公司：行业</translation>
    </message>
    <message>
        <source>Company: tags</source>
        <translation>公司：标签</translation>
    </message>
    <message>
        <source>Deal: title</source>
        <translation>商机：标题</translation>
    </message>
    <message>
        <source>Deal: stage</source>
        <translation>商机：销售阶段</translation>
    </message>
    <message>
        <source>Deal: amount</source>
        <translation>商机：金额</translation>
    </message>
    <message>
        <source>Deal: status</source>
        <translation>商机：状态</translation>
    </message>
    <message>
        <source>Deal: owner</source>
        <translation>商机：负责人</translation>
    </message>
    <message>
        <source>Case: status</source>
        <translation>工单：状态</translation>
    </message>
    <message>
        <source>Case: priority</source>
        <translation>工单：优先级</translation>
    </message>
    <message>
        <source>Task: title</source>
        <translation>任务：标题</translation>
    </message>
    <message>
        <source>The record: name</source>
        <translation>记录：名称</translation>
    </message>
    <message>
        <source>The record: status</source>
        <translation>记录：状态</translation>
    </message>
    <message>
        <source>The changed field</source>
        <translation>被修改的字段</translation>
    </message>
    <message>
        <source>Old value</source>
        <translation>原值</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>新值</translation>
    </message>
</context>
<context>
    <name>RuleNotifier</name>
    <message>
        <source>Liaison</source>
        <translation>Liaison</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
</context>
<context>
    <name>RuleSentences</name>
    <message>
        <source>contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>deal</source>
        <translation>商机</translation>
    </message>
    <message>
        <source>task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>case</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>activity</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>the sender</source>
        <translation>发件人</translation>
    </message>
    <message>
        <source>the sender&apos;s name</source>
        <translation>发件人姓名</translation>
    </message>
    <message>
        <source>a To address</source>
        <translation>某个收件人地址</translation>
    </message>
    <message>
        <source>a Cc address</source>
        <translation>某个抄送地址</translation>
    </message>
    <message>
        <source>a recipient</source>
        <translation>某个收件人</translation>
    </message>
    <message>
        <source>the sender&apos;s domain</source>
        <translation>发件人域名</translation>
    </message>
    <message>
        <source>the subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>the text</source>
        <translation>正文</translation>
    </message>
    <message>
        <source>has an attachment</source>
        <translation>有附件</translation>
    </message>
    <message>
        <source>the folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>the account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>the changed field</source>
        <translation>被修改的字段</translation>
    </message>
    <message>
        <source>the old value</source>
        <translation>原值</translation>
    </message>
    <message>
        <source>the new value</source>
        <translation>新值</translation>
    </message>
    <message>
        <source>the kind of automatic mail</source>
        <translation>自动邮件类型</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>stage</source>
        <translation>销售阶段</translation>
    </message>
    <message>
        <source>tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>email addresses</source>
        <translation>邮箱地址</translation>
    </message>
    <message>
        <source>email address</source>
        <translation>邮箱地址</translation>
    </message>
    <message>
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>normal</source>
        <translation>普通</translation>
    </message>
    <message>
        <source>high</source>
        <translation>高</translation>
    </message>
    <message>
        <source>urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>星期一</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>星期二</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>星期三</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>星期四</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>星期五</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>星期六</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>星期日</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>“%1”</translation>
    </message>
    <message>
        <source>%n second(s)</source>
        <translation>%n 秒</translation>
    </message>
    <message>
        <source>%n hour(s)</source>
        <translation>%n 小时</translation>
    </message>
    <message>
        <source>%n day(s)</source>
        <translation>%n 天</translation>
    </message>
    <message>
        <source>%n week(s)</source>
        <translation>%n 周</translation>
    </message>
    <message>
        <source>%n minute(s)</source>
        <translation>%n 分钟</translation>
    </message>
    <message>
        <source>any folder</source>
        <translation>任意文件夹</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>收件箱</translation>
    </message>
    <message>
        <source>When a message arrives in %1</source>
        <translation>当邮件到达%1时</translation>
    </message>
    <message>
        <source>%1 (account %2)</source>
        <translation>%1（账户 %2）</translation>
    </message>
    <message>
        <source>When a message is sent from the account %1</source>
        <translation>当从账户 %1 发出邮件时</translation>
    </message>
    <message>
        <source>When a message is sent</source>
        <translation>当发出邮件时</translation>
    </message>
    <message>
        <source>When a %1 is created</source>
        <translation>当创建%1时</translation>
    </message>
    <message>
        <source>When the %1 of a %2 changes from %3 to %4</source>
        <translation>当%2的%1从%3变为%4时</translation>
    </message>
    <message>
        <source>When the %1 of a %2 changes to %3</source>
        <translation>当%2的%1变为%3时</translation>
    </message>
    <message>
        <source>When the %1 of a %2 changes from %3</source>
        <translation>当%2的%1从%3变为其他值时</translation>
    </message>
    <message>
        <source>When the %1 of a %2 changes</source>
        <translation>当%2的%1变化时</translation>
    </message>
    <message>
        <source>When a %1 is overdue</source>
        <translation>当%1逾期时</translation>
    </message>
    <message>
        <source>When a customer&apos;s message has had no reply for %1</source>
        <translation>当客户邮件超过 %1未回复时</translation>
    </message>
    <message>
        <source>When a %1 has had no activity for %2</source>
        <translation>当%1超过 %2没有活动时</translation>
    </message>
    <message>
        <source>Every %1 at %2</source>
        <translation>每%1 %2</translation>
    </message>
    <message>
        <source>Every day at %1</source>
        <translation>每天 %1</translation>
    </message>
    <message>
        <source>When something happens</source>
        <translation>当发生某事时</translation>
    </message>
    <message>
        <source>the %1&apos;s %2</source>
        <translation>%1的%2</translation>
    </message>
    <message>
        <source>the field %1</source>
        <translation>字段 %1</translation>
    </message>
    <message>
        <source>the %1 is tagged %2</source>
        <translation>%1带有标签%2</translation>
    </message>
    <message>
        <source>the message has an attachment</source>
        <translation>邮件有附件</translation>
    </message>
    <message>
        <source>the message has no attachment</source>
        <translation>邮件没有附件</translation>
    </message>
    <message>
        <source>a field</source>
        <translation>某个字段</translation>
    </message>
    <message>
        <source>%1 contains %2</source>
        <translation>%1包含%2</translation>
    </message>
    <message>
        <source>%1 matches the pattern %2</source>
        <translation>%1匹配模式%2</translation>
    </message>
    <message>
        <source>%1 is %2</source>
        <translation>%1为%2</translation>
    </message>
    <message>
        <source>%1 changed to %2</source>
        <translation>%1变为%2</translation>
    </message>
    <message>
        <source>%1 is one of %2</source>
        <translation>%1是%2之一</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>not (%1)</source>
        <translation>并非（%1）</translation>
    </message>
    <message>
        <source> and </source>
        <translation>且</translation>
    </message>
    <message>
        <source> or </source>
        <translation>或</translation>
    </message>
    <message>
        <source>(%1)</source>
        <translation>（%1）</translation>
    </message>
    <message>
        <source>me</source>
        <translation>我</translation>
    </message>
    <message>
        <source>the contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>the deal&apos;s contact</source>
        <translation>商机的联系人</translation>
    </message>
    <message>
        <source>create a case</source>
        <translation>创建工单</translation>
    </message>
    <message>
        <source>titled %1</source>
        <translation>标题为%1</translation>
    </message>
    <message>
        <source>priority %1</source>
        <translation>优先级%1</translation>
    </message>
    <message>
        <source>assigned to %1</source>
        <translation>指派给%1</translation>
    </message>
    <message>
        <source>due in %1</source>
        <translation>%1后截止</translation>
    </message>
    <message>
        <source>create a task %1</source>
        <translation>创建任务%1</translation>
    </message>
    <message>
        <source>create a task</source>
        <translation>创建任务</translation>
    </message>
    <message>
        <source>%1, due in %2</source>
        <translation>%1，%2后截止</translation>
    </message>
    <message>
        <source>set the %1&apos;s %2 to %3</source>
        <translation>将%1的%2设为%3</translation>
    </message>
    <message>
        <source>tag the %1 %2</source>
        <translation>给%1加上标签%2</translation>
    </message>
    <message>
        <source>make %1 the owner of the %2</source>
        <translation>将%1设为%2的负责人</translation>
    </message>
    <message>
        <source>return the %1 to the pool</source>
        <translation>将%1退回公海</translation>
    </message>
    <message>
        <source>move the message to %1</source>
        <translation>将邮件移到%1</translation>
    </message>
    <message>
        <source>flag the message</source>
        <translation>标记邮件</translation>
    </message>
    <message>
        <source>remove the message&apos;s flag</source>
        <translation>取消邮件标记</translation>
    </message>
    <message>
        <source>mark the message read</source>
        <translation>将邮件标为已读</translation>
    </message>
    <message>
        <source>mark the message unread</source>
        <translation>将邮件标为未读</translation>
    </message>
    <message>
        <source>link the message to the contact %1</source>
        <translation>将邮件关联到联系人%1</translation>
    </message>
    <message>
        <source>link the message to the company %1</source>
        <translation>将邮件关联到公司%1</translation>
    </message>
    <message>
        <source>link the message to the deal %1</source>
        <translation>将邮件关联到商机%1</translation>
    </message>
    <message>
        <source>link the message to a customer</source>
        <translation>将邮件关联到客户</translation>
    </message>
    <message>
        <source>send the template %1 to %2</source>
        <translation>向%2发送模板%1</translation>
    </message>
    <message>
        <source>%1 from the account %2</source>
        <translation>%1（从账户 %2 发送）</translation>
    </message>
    <message>
        <source>notify me: %1 (%2)</source>
        <translation>通知我：%1（%2）</translation>
    </message>
    <message>
        <source>notify me: %1</source>
        <translation>通知我：%1</translation>
    </message>
    <message>
        <source>do %1</source>
        <translation>执行 %1</translation>
    </message>
    <message>
        <source>do nothing yet</source>
        <translation>暂不执行任何动作</translation>
    </message>
    <message>
        <source>%1; then %2</source>
        <translation>%1；然后%2</translation>
    </message>
    <message>
        <source>%1, if %2, %3.</source>
        <translation>%1，如果%2，则%3。</translation>
    </message>
    <message>
        <source>%1, %2.</source>
        <translation>%1，%2。</translation>
    </message>
    <message>
        <source>A message arrives</source>
        <translation>收到邮件</translation>
    </message>
    <message>
        <source>A message is sent</source>
        <translation>发出邮件</translation>
    </message>
    <message>
        <source>A record is created</source>
        <translation>创建记录</translation>
    </message>
    <message>
        <source>A field changes</source>
        <translation>字段变化</translation>
    </message>
    <message>
        <source>A task or case is overdue</source>
        <translation>任务或工单逾期</translation>
    </message>
    <message>
        <source>A customer&apos;s message has no reply</source>
        <translation>客户邮件未回复</translation>
    </message>
    <message>
        <source>A customer has no activity</source>
        <translation>客户无活动</translation>
    </message>
    <message>
        <source>On a schedule</source>
        <translation>按计划</translation>
    </message>
    <message>
        <source>Create a case</source>
        <translation>创建工单</translation>
    </message>
    <message>
        <source>Create a task</source>
        <translation>创建任务</translation>
    </message>
    <message>
        <source>Set a field</source>
        <translation>设置字段</translation>
    </message>
    <message>
        <source>Add a tag</source>
        <translation>添加标签</translation>
    </message>
    <message>
        <source>Assign an owner</source>
        <translation>指定负责人</translation>
    </message>
    <message>
        <source>Return to the pool</source>
        <translation>退回公海</translation>
    </message>
    <message>
        <source>Move the message</source>
        <translation>移动邮件</translation>
    </message>
    <message>
        <source>Flag the message</source>
        <translation>标记邮件</translation>
    </message>
    <message>
        <source>Mark the message read</source>
        <translation>标为已读</translation>
    </message>
    <message>
        <source>Link the message to a customer</source>
        <translation>将邮件关联到客户</translation>
    </message>
    <message>
        <source>Send a template</source>
        <translation>发送模板</translation>
    </message>
    <message>
        <source>Notify me</source>
        <translation>通知我</translation>
    </message>
    <message>
        <source>contains</source>
        <translation>包含</translation>
    </message>
    <message>
        <source>matches the pattern</source>
        <translation>匹配模式</translation>
    </message>
    <message>
        <source>is</source>
        <translation>为</translation>
    </message>
    <message>
        <source>changed to</source>
        <translation>变为</translation>
    </message>
    <message>
        <source>is one of</source>
        <translation>是以下之一</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>retrying</source>
        <translation>重试中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
</context>
<context>
    <name>RulesView</name>
    <message>
        <source>New Rule…</source>
        <translation>新建规则…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Move Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Run this rule earlier</source>
        <translation>让此规则更早运行</translation>
    </message>
    <message>
        <source>Move Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Run this rule later</source>
        <translation>让此规则更晚运行</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Add rules from a JSON file (a rule of the same name is replaced)</source>
        <translation>从 JSON 文件添加规则（同名规则会被替换）</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save every rule to a JSON file</source>
        <translation>将所有规则保存到 JSON 文件</translation>
    </message>
    <message>
        <source>Rules run from top to bottom; tick a rule to enable it</source>
        <translation>规则从上到下依次运行；勾选即可启用</translation>
    </message>
    <message>
        <source>Only the selected rule</source>
        <translation>仅显示所选规则</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>触发条件</translation>
    </message>
    <message>
        <source>What matched</source>
        <translation>匹配对象</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Why / what happened</source>
        <translation>原因 / 结果</translation>
    </message>
    <message>
        <source>The selected rule</source>
        <translation>所选规则</translation>
    </message>
    <message>
        <source>&lt;b&gt;Recent runs&lt;/b&gt;</source>
        <translation>&lt;b&gt;最近的运行记录&lt;/b&gt;</translation>
    </message>
    <message>
        <source>%1 (attempt %2)</source>
        <translation>%1（第 %2 次尝试）</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) shown</source>
        <translation>
            <numerusform>显示 %n 条运行记录</numerusform>
        </translation>
    </message>
    <message>
        <source>No rule has run yet.</source>
        <translation>还没有规则运行过。</translation>
    </message>
    <message>
        <source>No rules yet. A rule does the next step for you: for example, when a customer&apos;s message contains “complaint”, open a case. Click New Rule… or import a rules file.</source>
        <translation>还没有规则。规则会替您完成下一步：例如，当客户邮件包含“投诉”时，新建一个工单。点击“新建规则…”或导入规则文件。</translation>
    </message>
    <message>
        <source>Enabled: it acts on what happens from now on.</source>
        <translation>已启用：对从现在起发生的事情生效。</translation>
    </message>
    <message>
        <source>Off: it does nothing until it is ticked.</source>
        <translation>已停用：勾选之前不会执行任何操作。</translation>
    </message>
    <message>
        <source>Delete Rule</source>
        <translation>删除规则</translation>
    </message>
    <message>
        <source>Delete the rule “%1”? Its run log is kept.</source>
        <translation>删除规则“%1”？其运行记录会保留。</translation>
    </message>
    <message>
        <source>Import Rules</source>
        <translation>导入规则</translation>
    </message>
    <message>
        <source>Rules (*.json)</source>
        <translation>规则 (*.json)</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n rule(s).</source>
        <translation>
            <numerusform>已导入 %n 条规则。</numerusform>
        </translation>
    </message>
    <message>
        <source>Export Rules</source>
        <translation>导出规则</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n rule(s) to %1</source>
        <translation>
            <numerusform>已将 %n 条规则保存到 %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <source>Search mail and customers (Ctrl+K)</source>
        <translation>搜索邮件和客户 (Ctrl+K)</translation>
    </message>
    <message>
        <source>Mail (%1)</source>
        <translation>邮件（%1）</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>（无主题）</translation>
    </message>
    <message>
        <source>No messages match.</source>
        <translation>没有匹配的邮件。</translation>
    </message>
    <message>
        <source>Only the newest %1 are listed; add words or operators to narrow the search.</source>
        <translation>只列出最新的 %1 封；添加词语或运算符以缩小搜索范围。</translation>
    </message>
    <message>
        <source>Customers (%1)</source>
        <translation>客户（%1）</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Deal</source>
        <translation>商机</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Call or meeting</source>
        <translation>通话或会议</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>No customer records match.</source>
        <translation>没有匹配的客户记录。</translation>
    </message>
    <message>
        <source>Recent searches</source>
        <translation>最近搜索</translation>
    </message>
</context>
<context>
    <name>SecretsPanel</name>
    <message>
        <source>Passwords</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Move to System Keyring</source>
        <translation>移到系统密钥环</translation>
    </message>
    <message>
        <source>Moves every password from the encrypted file into the system keyring, then removes the file.</source>
        <translation>把加密文件中的所有密码移到系统密钥环，然后删除该文件。</translation>
    </message>
    <message>
        <source>Passwords are kept in the system keyring.</source>
        <translation>密码保存在系统密钥环中。</translation>
    </message>
    <message>
        <source>Passwords are kept in an encrypted file, but no primary password protects it yet: set one before adding an account.</source>
        <translation>密码保存在加密文件中，但尚未设置保护它的主密码：请在添加账户前先设置。</translation>
    </message>
    <message>
        <source>Passwords are kept in the encrypted file {path}, protected by your primary password; unlocked for this session.</source>
        <translation>密码保存在加密文件 {path} 中，受主密码保护；本次会话已解锁。</translation>
    </message>
    <message>
        <source>Passwords are kept in the encrypted file {path}, protected by your primary password; locked.</source>
        <translation>密码保存在加密文件 {path} 中，受主密码保护；已锁定。</translation>
    </message>
    <message>
        <source>Change Primary Password…</source>
        <translation>更改主密码…</translation>
    </message>
    <message>
        <source>Unlock…</source>
        <translation>解锁…</translation>
    </message>
    <message>
        <source>Set Primary Password…</source>
        <translation>设置主密码…</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>There is no mail account yet. Once you add one, its name, signature and schedule are set here.</source>
        <translation>还没有邮件账户。添加账户后，可在这里设置其名称、签名和同步计划。</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>账户：</translation>
    </message>
    <message>
        <source>Forget Recent Searches</source>
        <translation>清除最近搜索</translation>
    </message>
    <message>
        <source>Clears the search field&apos;s history now.</source>
        <translation>立即清除搜索框的历史记录。</translation>
    </message>
    <message>
        <source>Search index</source>
        <translation>搜索索引</translation>
    </message>
    <message>
        <source>Rebuilding reads every stored message and customer record again. Use it when a search misses mail you know is there; searching keeps working meanwhile.</source>
        <translation>重建会重新读取所有已保存的邮件和客户记录。当搜索找不到您确定存在的邮件时使用；重建期间仍可搜索。</translation>
    </message>
    <message>
        <source>Rebuild Index</source>
        <translation>重建索引</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>The sample account has no server: it is never synced.</source>
        <translation>示例账户没有服务器：从不同步。</translation>
    </message>
    <message>
        <source>Recent searches forgotten.</source>
        <translation>已清除最近搜索。</translation>
    </message>
    <message>
        <source>Rebuilding the search index…</source>
        <translation>正在重建搜索索引…</translation>
    </message>
    <message numerus="yes">
        <source>Indexed %1 of %n message(s)…</source>
        <translation>
            <numerusform>已索引 %1 / %n 封邮件…</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message numerus="yes">
        <source>The search index was rebuilt: %n message(s).</source>
        <translation>
            <numerusform>搜索索引已重建：%n 封邮件。</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped. The messages not indexed yet are indexed at the next sync.</source>
        <translation>已停止。尚未索引的邮件将在下次同步时索引。</translation>
    </message>
</context>
<context>
    <name>SharedMailDialog</name>
    <message>
        <source>(no subject)</source>
        <translation>（无主题）</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>主题：</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>收件人：</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>发件人：</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Shared by:</source>
        <translation>共享者：</translation>
    </message>
    <message>
        <source>Only the first words are shared: the message itself is in %1&apos;s mailbox.</source>
        <translation>只共享了开头几句：邮件本身在 %1 的邮箱中。</translation>
    </message>
    <message>
        <source>%1&apos;s team shares the text of mail filed on customers.</source>
        <translation>%1 的团队共享归档到客户下的邮件正文。</translation>
    </message>
</context>
<context>
    <name>SharingButton</name>
    <message>
        <source>Sharing</source>
        <translation>共享</translation>
    </message>
    <message>
        <source>Who in the team sees this customer</source>
        <translation>团队中谁能看到此客户</translation>
    </message>
    <message>
        <source>Private (Only Me and My Manager)</source>
        <translation>私有（仅我和我的上级）</translation>
    </message>
    <message>
        <source>The Team Can Read</source>
        <translation>团队可查看</translation>
    </message>
    <message>
        <source>The Team Can Edit</source>
        <translation>团队可编辑</translation>
    </message>
    <message>
        <source>Give to a Colleague…</source>
        <translation>转交给同事…</translation>
    </message>
    <message>
        <source>Return to the Team&apos;s Pool</source>
        <translation>退回团队公海</translation>
    </message>
    <message>
        <source>Everyone in the team sees this customer and one of them can pick it up</source>
        <translation>团队中的每个人都能看到此客户，其中一人可以领取</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
</context>
<context>
    <name>SignInAgainPrompt</name>
    <message>
        <source>Sign In Again</source>
        <translation>重新登录</translation>
    </message>
    <message>
        <source>%1 needs to be signed in again.</source>
        <translation>%1 需要重新登录。</translation>
    </message>
    <message>
        <source>Sign In Again…</source>
        <translation>重新登录…</translation>
    </message>
    <message>
        <source>Waiting for you to sign in in your browser…</source>
        <translation>正在等待您在浏览器中登录…</translation>
    </message>
    <message>
        <source>Sign-in cancelled.</source>
        <translation>已取消登录。</translation>
    </message>
</context>
<context>
    <name>StageColumn</name>
    <message>
        <source>Drop deals here</source>
        <translation>将商机拖到这里</translation>
    </message>
    <message>
        <source>No deals</source>
        <translation>暂无商机</translation>
    </message>
</context>
<context>
    <name>StageEditor</name>
    <message>
        <source>Stage</source>
        <translation>销售阶段</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Deals</source>
        <translation>商机</translation>
    </message>
    <message>
        <source>Move Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Outcome:</source>
        <translation>结果：</translation>
    </message>
    <message>
        <source>New stage, e.g. Samples sent</source>
        <translation>新阶段，例如：已寄样品</translation>
    </message>
    <message>
        <source>Add Stage</source>
        <translation>添加阶段</translation>
    </message>
    <message>
        <source>Pipeline stages</source>
        <translation>销售阶段</translation>
    </message>
    <message>
        <source>The columns of the Deals board, in order. Moving a deal to a Won or Lost stage closes it that way.</source>
        <translation>商机看板的各列，按顺序排列。把商机移到“赢单”或“丢单”阶段即按该结果关闭。</translation>
    </message>
    <message numerus="yes">
        <source>Stage “%1” still holds %n deal(s): move them to another stage first.</source>
        <translation>
            <numerusform>阶段“%1”中还有 %n 个商机：请先把它们移到其他阶段。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StageHeader</name>
    <message>
        <source>No value</source>
        <translation>无金额</translation>
    </message>
    <message numerus="yes">
        <source>{total}
Closed more than {days} days ago and not shown: %n deal(s). Search finds them.</source>
        <translation>
            <numerusform>{total}
%n 个商机在 {days} 天前已关闭，未显示。可通过搜索找到。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{total} · %n older</source>
        <translation>
            <numerusform>{total} · 另有 %n 个较早的</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stages</name>
    <message>
        <source>Lead</source>
        <translation>线索</translation>
    </message>
    <message>
        <source>Qualified</source>
        <translation>需求确认</translation>
    </message>
    <message>
        <source>Proposal</source>
        <translation>方案报价</translation>
    </message>
    <message>
        <source>Negotiation</source>
        <translation>商务谈判</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>赢单</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>丢单</translation>
    </message>
</context>
<context>
    <name>StatusArea</name>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>A server cannot be reached. What you do is kept and sent when the connection returns.</source>
        <translation>无法连接服务器。您的操作会被保留，并在连接恢复后发送。</translation>
    </message>
    <message>
        <source>Outbox: %1</source>
        <translation>发件箱：%1</translation>
    </message>
    <message>
        <source>Team: syncing…</source>
        <translation>团队：正在同步…</translation>
    </message>
    <message>
        <source>Team: synced %1</source>
        <translation>团队：已于 %1 同步</translation>
    </message>
    <message>
        <source>Team: offline</source>
        <translation>团队：离线</translation>
    </message>
    <message>
        <source>Team: signed out</source>
        <translation>团队：已退出登录</translation>
    </message>
    <message>
        <source>Team: not synced</source>
        <translation>团队：未同步</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting</source>
        <translation>
            <numerusform>%n 项修改等待同步</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n 处冲突</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TableSizeDialog</name>
    <message>
        <source>Insert Table</source>
        <translation>插入表格</translation>
    </message>
    <message>
        <source>Rows (below the header)</source>
        <translation>行数（表头以下）</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列数</translation>
    </message>
</context>
<context>
    <name>TaskDialog</name>
    <message>
        <source>New Task</source>
        <translation>新建任务</translation>
    </message>
    <message>
        <source>Send the signed contract</source>
        <translation>发送已签署的合同</translation>
    </message>
    <message>
        <source>No due date</source>
        <translation>无截止日期</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止</translation>
    </message>
</context>
<context>
    <name>TeamPage</name>
    <message>
        <source>Sign in to your team&apos;s server to share customers with your colleagues. Your mail stays on this computer; customer records and their history sync with the team.</source>
        <translation>登录团队服务器，与同事共享客户。您的邮件保留在本机；客户记录及其历史与团队同步。</translation>
    </message>
    <message>
        <source>Only for a server with a private certificate</source>
        <translation>仅用于使用私有证书的服务器</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>服务器：</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>邮箱：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>This computer&apos;s name:</source>
        <translation>本机名称：</translation>
    </message>
    <message>
        <source>CA certificate file:</source>
        <translation>CA 证书文件：</translation>
    </message>
    <message>
        <source>Sign In</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Sync Now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Sign Out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Set by your organisation</source>
        <translation>由您的组织设定</translation>
    </message>
    <message>
        <source>Signed in to %1 as %2 (team %3).</source>
        <translation>已以 %2 身份登录 %1（团队 %3）。</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Last sync: %1 · %2 change(s) waiting · %3 conflict(s)</source>
        <translation>上次同步：%1 · %2 项修改等待同步 · %3 处冲突</translation>
    </message>
    <message>
        <source>Enter the server, your email and your password.</source>
        <translation>请输入服务器、邮箱和密码。</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <source>Signed in. Customer records now sync with your team.</source>
        <translation>已登录。客户记录现在与团队同步。</translation>
    </message>
    <message>
        <source>Signed out. The records on this computer stay.</source>
        <translation>已退出登录。本机上的记录会保留。</translation>
    </message>
</context>
<context>
    <name>TemplateEditor</name>
    <message>
        <source>Edit Template</source>
        <translation>编辑模板</translation>
    </message>
    <message>
        <source>New Template</source>
        <translation>新建模板</translation>
    </message>
    <message>
        <source>e.g. Quotation follow-up</source>
        <translation>例如：报价跟进</translation>
    </message>
    <message>
        <source>Subject; fields such as {{ company.name }} are filled in</source>
        <translation>主题；{{ company.name }} 等字段会被自动填写</translation>
    </message>
    <message>
        <source>Dear {{ contact.first_name }}, …</source>
        <translation>尊敬的 {{ contact.first_name }}，…</translation>
    </message>
    <message>
        <source>Insert Field</source>
        <translation>插入字段</translation>
    </message>
    <message>
        <source>Put a field that is filled in for each recipient at the cursor</source>
        <translation>在光标处插入一个按收件人填写的字段</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Give the template a name.</source>
        <translation>请为模板命名。</translation>
    </message>
    <message>
        <source>There is no field %1; use Insert Field to choose one that exists.</source>
        <translation>没有字段 %1；请用“插入字段”选择一个存在的字段。</translation>
    </message>
    <message>
        <source>There is already a template called %1; choose another name.</source>
        <translation>已有名为 %1 的模板；请换一个名称。</translation>
    </message>
</context>
<context>
    <name>Templates</name>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Deal</source>
        <translation>商机</translation>
    </message>
    <message>
        <source>You (the sender)</source>
        <translation>您（发件人）</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>全名</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>名</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>姓</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>职位</translation>
    </message>
    <message>
        <source>E-mail address</source>
        <translation>邮箱地址</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>销售阶段</translation>
    </message>
    <message>
        <source>Expected close date</source>
        <translation>预计成交日期</translation>
    </message>
    <message>
        <source>%1 is not one of your contacts; a template is filled in from a contact&apos;s record.</source>
        <translation>%1 不在您的联系人中；模板需要根据联系人资料填写。</translation>
    </message>
    <message>
        <source>That template no longer exists.</source>
        <translation>该模板已不存在。</translation>
    </message>
    <message>
        <source>%1 has no value for %2: fill it in on their record first, or change the template.</source>
        <translation>%1 没有 %2 的值：请先在其资料中填写，或修改模板。</translation>
    </message>
</context>
<context>
    <name>TemplatesDialog</name>
    <message>
        <source>Templates</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>新建…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Choose a contact to see it filled in</source>
        <translation>选择一个联系人查看填写效果</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Preview for</source>
        <translation>预览对象</translation>
    </message>
    <message>
        <source>No templates yet. New… makes one: a subject and a text with fields such as the contact&apos;s first name, filled in for each recipient.</source>
        <translation>暂无模板。点“新建…”创建一个：包含主题和正文，可使用联系人名字等字段，按每位收件人自动填写。</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>（无主题）</translation>
    </message>
    <message>
        <source>Delete Template</source>
        <translation>删除模板</translation>
    </message>
    <message>
        <source>Delete the template “%1”? This cannot be undone.</source>
        <translation>删除模板“%1”？此操作无法撤销。</translation>
    </message>
    <message>
        <source>“%1” is not an e-mail address; choose a contact from the list.</source>
        <translation>“%1”不是邮箱地址；请从列表中选择联系人。</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>(no subject)</source>
        <translation>（无主题）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>通话</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>To %1</source>
        <translation>发给 %1</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>From %1</source>
        <translation>来自 %1</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已接收</translation>
    </message>
    <message>
        <source>bulk mail</source>
        <translation>群发邮件</translation>
    </message>
    <message>
        <source>automatic reply</source>
        <translation>自动回复</translation>
    </message>
    <message>
        <source>bounce</source>
        <translation>退信</translation>
    </message>
    <message>
        <source>shared by %1</source>
        <translation>由 %1 共享</translation>
    </message>
    <message>
        <source>%n min</source>
        <comment>duration</comment>
        <translation>%n 分钟</translation>
    </message>
    <message>
        <source>with %1</source>
        <translation>与 %1</translation>
    </message>
    <message>
        <source>Task done</source>
        <translation>任务已完成</translation>
    </message>
    <message>
        <source>Task due %1</source>
        <translation>任务 %1 到期</translation>
    </message>
    <message>
        <source>%n message(s) in this conversation</source>
        <translation>此会话中有 %n 封邮件</translation>
    </message>
    <message>
        <source>%n message(s)</source>
        <comment>conversation</comment>
        <translation>%n 封邮件</translation>
    </message>
    <message>
        <source>you replied</source>
        <translation>您已回复</translation>
    </message>
</context>
<context>
    <name>UndoBar</name>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>“{title}” was deleted.</source>
        <translation>“{title}”已删除。</translation>
    </message>
</context>
<context>
    <name>WelcomePanel</name>
    <message>
        <source>Welcome to Liaison</source>
        <translation>欢迎使用 Liaison</translation>
    </message>
    <message>
        <source>Your mail and your customers side by side. Add your mail account to begin; Liaison finds the settings for QQ, 163, Exmail, Aliyun, Gmail, Outlook and many more. Or look around with sample mail first.</source>
        <translation>邮件和客户并排管理。添加您的邮件账户即可开始；Liaison 能自动找到 QQ、163、腾讯企业邮、阿里邮箱、Gmail、Outlook 等众多邮箱的设置。也可以先用示例邮件看看。</translation>
    </message>
    <message>
        <source>Add Account…</source>
        <translation>添加账户…</translation>
    </message>
    <message>
        <source>Explore Sample Data</source>
        <translation>浏览示例数据</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&amp;New Message</source>
        <translation>新邮件(&amp;N)</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>写邮件</translation>
    </message>
    <message>
        <source>Open &amp;Draft…</source>
        <translation>打开草稿(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Reply</source>
        <translation>回复(&amp;R)</translation>
    </message>
    <message>
        <source>Reply &amp;All</source>
        <translation>全部回复(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Forward</source>
        <translation>转发(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Templates…</source>
        <translation>模板(&amp;T)…</translation>
    </message>
    <message>
        <source>New &amp;Deal…</source>
        <translation>新建商机(&amp;D)…</translation>
    </message>
    <message>
        <source>New &amp;Case…</source>
        <translation>新建工单(&amp;C)…</translation>
    </message>
    <message>
        <source>Remind Me If No Reply…</source>
        <translation>无回复时提醒我…</translation>
    </message>
    <message>
        <source>&amp;Add Account…</source>
        <translation>添加账户(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Import Mail…</source>
        <translation>导入邮件(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Sync Now</source>
        <translation>立即同步(&amp;S)</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>&amp;Outbox…</source>
        <translation>发件箱(&amp;O)…</translation>
    </message>
    <message>
        <source>Team &amp;Conflicts…</source>
        <translation>团队冲突(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Group by &amp;Conversation</source>
        <translation>按会话分组(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Two-Line Rows</source>
        <translation>两行显示(&amp;T)</translation>
    </message>
    <message>
        <source>Message &amp;Source</source>
        <translation>邮件源码(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>日期(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Sender or Recipients</source>
        <translation>发件人或收件人(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;ubject</source>
        <translation>主题(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Newest or Z First</source>
        <translation>最新或 Z 在前(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Next Unread Message</source>
        <translation>下一封未读邮件(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Folders</source>
        <translation>文件夹(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Message List</source>
        <translation>邮件列表(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Reader</source>
        <translation>阅读窗格(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Mail</source>
        <translation>邮件(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Customers</source>
        <translation>客户(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Deals</source>
        <translation>商机(&amp;D)</translation>
    </message>
    <message>
        <source>C&amp;ases</source>
        <translation>工单(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Reports</source>
        <translation>报表(&amp;R)</translation>
    </message>
    <message>
        <source>Ru&amp;les</source>
        <translation>规则(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>搜索(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About Liaison</source>
        <translation>关于 Liaison(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Mail</source>
        <comment>menu</comment>
        <translation>邮箱(&amp;M)</translation>
    </message>
    <message>
        <source>Sync S&amp;chedule</source>
        <translation>同步计划(&amp;C)</translation>
    </message>
    <message>
        <source>Me&amp;ssage</source>
        <translation>邮件(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>查看(&amp;V)</translation>
    </message>
    <message>
        <source>Sort &amp;By</source>
        <translation>排序方式(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>跳转(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <translation>主工具栏</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>&apos;{text}&apos; is not a currency code: use three letters, like CNY, USD or EUR</source>
        <translation>“{text}”不是币种代码：请使用三个字母，例如 CNY、USD 或 EUR</translation>
    </message>
    <message>
        <source>a deal needs a title</source>
        <translation>商机需要名称</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not an amount: use digits, like 12000 or 12,000.50</source>
        <translation>“{text}”不是金额：请使用数字，例如 12000 或 12,000.50</translation>
    </message>
    <message>
        <source>an amount cannot be negative</source>
        <translation>金额不能为负数</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is too large for an amount</source>
        <translation>“{text}”作为金额太大了</translation>
    </message>
    <message>
        <source>choose the currency of the amount</source>
        <translation>请选择金额的币种</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a deal status (open, won or lost)</source>
        <translation>“{value}”不是商机状态（进行中、赢单或丢单）</translation>
    </message>
    <message>
        <source>no stage called &apos;{name}&apos; (stages: {names})</source>
        <translation>没有名为“{name}”的阶段（现有阶段：{names}）</translation>
    </message>
    <message>
        <source>there is no stage &apos;{stage}&apos; in the pipeline</source>
        <translation>销售流程中没有阶段“{stage}”</translation>
    </message>
    <message>
        <source>no contact has the address {address}</source>
        <translation>没有联系人使用地址 {address}</translation>
    </message>
    <message>
        <source>no company is called {name}</source>
        <translation>没有名为 {name} 的公司</translation>
    </message>
    <message>
        <source>A deal has no field &apos;{field}&apos;.</source>
        <translation>商机没有字段“{field}”。</translation>
    </message>
    <message>
        <source>This deal was deleted.</source>
        <translation>此商机已被删除。</translation>
    </message>
    <message>
        <source>A stage needs a name.</source>
        <translation>阶段需要名称。</translation>
    </message>
    <message>
        <source>There is already a stage called &apos;{name}&apos;.</source>
        <translation>已有名为“{name}”的阶段。</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not an outcome (open, won or lost).</source>
        <translation>“{value}”不是有效结果（进行中、赢单或丢单）。</translation>
    </message>
    <message>
        <source>Stage &apos;{name}&apos; still holds {count} deal(s): move them to another stage first.</source>
        <translation>阶段“{name}”中还有 {count} 个商机：请先把它们移到其他阶段。</translation>
    </message>
    <message>
        <source>The pipeline needs at least one stage.</source>
        <translation>销售流程至少需要一个阶段。</translation>
    </message>
    <message>
        <source>The stage &apos;{name}&apos; no longer exists; open Settings again.</source>
        <translation>阶段“{name}”已不存在；请重新打开设置。</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a domain name (for example example.com).</source>
        <translation>“{value}”不是域名（例如 example.com）。</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not an email address (for example name@example.com).</source>
        <translation>“{value}”不是邮箱地址（例如 name@example.com）。</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a country code (two letters, e.g. CN, DE, SG).</source>
        <translation>“{value}”不是国家代码（两个字母，例如 CN、DE、SG）。</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a currency code (three letters, e.g. CNY, EUR, USD).</source>
        <translation>“{value}”不是币种代码（三个字母，例如 CNY、EUR、USD）。</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not one of: {choices}.</source>
        <translation>“{value}”不是以下选项之一：{choices}。</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is neither yes nor no (use true or false).</source>
        <translation>“{value}”既不是“是”也不是“否”（请使用 true 或 false）。</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a whole number.</source>
        <translation>“{value}”不是整数。</translation>
    </message>
    <message>
        <source>The number must be between {low} and {high}.</source>
        <translation>数值必须在 {low} 到 {high} 之间。</translation>
    </message>
    <message>
        <source>This setting holds text, not {value}.</source>
        <translation>此设置的值是文本，不能是 {value}。</translation>
    </message>
    <message>
        <source>This setting holds a list, not {value}.</source>
        <translation>此设置的值是列表，不能是 {value}。</translation>
    </message>
    <message>
        <source>This must fit on one line.</source>
        <translation>必须写在一行内。</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a server address (for example https://liaison.example.com).</source>
        <translation>“{value}”不是服务器地址（例如 https://liaison.example.com）。</translation>
    </message>
    <message>
        <source>There is no setting called &apos;{key}&apos; (settings show lists them).</source>
        <translation>没有名为“{key}”的设置（settings show 会列出所有设置）。</translation>
    </message>
    <message>
        <source>&apos;{key}&apos; is set by your organisation and cannot be changed here.</source>
        <translation>“{key}”由您的组织设定，无法在此更改。</translation>
    </message>
    <message>
        <source>&apos;{key}&apos; is set for each account: say which account.</source>
        <translation>“{key}”按账户分别设置：请指定账户。</translation>
    </message>
    <message>
        <source>&apos;{key}&apos; is the same for every account: leave out the account.</source>
        <translation>“{key}”对所有账户相同：请不要指定账户。</translation>
    </message>
    <message>
        <source>There is no account with id {account_id}.</source>
        <translation>没有 ID 为 {account_id} 的账户。</translation>
    </message>
    <message>
        <source>&apos;{recipient}&apos; is not a recipient this rule can resolve</source>
        <translation>此规则无法解析收件人“{recipient}”</translation>
    </message>
    <message>
        <source>A {kind} has no field &apos;{field}&apos;.</source>
        <translation>{kind} 没有字段“{field}”。</translation>
    </message>
    <message>
        <source>Internal error in the action {action}: {error}</source>
        <translation>动作 {action} 内部出错：{error}</translation>
    </message>
    <message>
        <source>The customer the rule links to does not exist.</source>
        <translation>规则要关联的客户不存在。</translation>
    </message>
    <message>
        <source>The template &apos;{template}&apos; needs {fields} for {address}.</source>
        <translation>模板“{template}”需要 {address} 的 {fields}。</translation>
    </message>
    <message>
        <source>There is no account to send from.</source>
        <translation>没有可用于发送的账户。</translation>
    </message>
    <message>
        <source>There is no stage &apos;{stage}&apos;.</source>
        <translation>没有阶段“{stage}”。</translation>
    </message>
    <message>
        <source>a {kind} has no owner</source>
        <translation>{kind} 没有负责人</translation>
    </message>
    <message>
        <source>a {kind} has no tags</source>
        <translation>{kind} 没有标签</translation>
    </message>
    <message>
        <source>already done</source>
        <translation>之前已完成</translation>
    </message>
    <message>
        <source>already queued</source>
        <translation>已在发送队列中</translation>
    </message>
    <message>
        <source>already so</source>
        <translation>无需更改</translation>
    </message>
    <message>
        <source>already tagged</source>
        <translation>已有此标签</translation>
    </message>
    <message>
        <source>already there</source>
        <translation>已在该文件夹中</translation>
    </message>
    <message>
        <source>already told</source>
        <translation>之前已通知</translation>
    </message>
    <message>
        <source>case {case}</source>
        <translation>工单 {case}</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>已修改</translation>
    </message>
    <message>
        <source>flagged</source>
        <translation>已标记</translation>
    </message>
    <message>
        <source>linked to the {record}</source>
        <translation>已关联到 {record}</translation>
    </message>
    <message>
        <source>marked</source>
        <translation>已更改已读状态</translation>
    </message>
    <message>
        <source>moved</source>
        <translation>已移动</translation>
    </message>
    <message>
        <source>no {record} to change</source>
        <translation>没有可修改的 {record}</translation>
    </message>
    <message>
        <source>notified</source>
        <translation>已通知</translation>
    </message>
    <message>
        <source>owner {owner}</source>
        <translation>负责人 {owner}</translation>
    </message>
    <message>
        <source>queued to {address}</source>
        <translation>已排队发往 {address}</translation>
    </message>
    <message>
        <source>returned to the pool</source>
        <translation>已退回公海</translation>
    </message>
    <message>
        <source>returned to the team&apos;s pool</source>
        <translation>已退回团队公海</translation>
    </message>
    <message>
        <source>tagged {tag}</source>
        <translation>已加标签 {tag}</translation>
    </message>
    <message>
        <source>task {task}</source>
        <translation>任务 {task}</translation>
    </message>
    <message>
        <source>the action names no contact, company or deal</source>
        <translation>该动作未指定联系人、公司或商机</translation>
    </message>
    <message>
        <source>the event has no sender</source>
        <translation>该事件没有发件人</translation>
    </message>
    <message>
        <source>the event has no {recipient}</source>
        <translation>该事件没有 {recipient}</translation>
    </message>
    <message>
        <source>the message is already on the case {case}</source>
        <translation>邮件已在工单 {case} 中</translation>
    </message>
    <message>
        <source>the message is not stored here</source>
        <translation>邮件未保存在本机</translation>
    </message>
    <message>
        <source>{name} has no email address.</source>
        <translation>{name} 没有邮箱地址。</translation>
    </message>
    <message>
        <source>{problem}</source>
        <translation>{problem}</translation>
    </message>
    <message>
        <source>already fired on this record in this chain of events</source>
        <translation>在这一连串事件中已对此记录运行过</translation>
    </message>
    <message>
        <source>chain of rules deeper than {depth}</source>
        <translation>规则连锁触发超过 {depth} 层</translation>
    </message>
    <message>
        <source>more than {count} rule runs on this record or sender in an hour</source>
        <translation>一小时内对此记录或发件人运行规则超过 {count} 次</translation>
    </message>
    <message>
        <source>not signed in to the team</source>
        <translation>未登录团队</translation>
    </message>
    <message>
        <source>run for the team by {person}</source>
        <translation>已由 {person} 为团队运行</translation>
    </message>
    <message>
        <source>the team rule was removed</source>
        <translation>该团队规则已被删除</translation>
    </message>
    <message>
        <source>automatic mail ({kind})</source>
        <translation>自动邮件（{kind}）</translation>
    </message>
    <message>
        <source>mail sent by a rule</source>
        <translation>由规则发出的邮件</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is a team rule: it is changed on the team server by the team&apos;s managers (liaison rules import --team, rules delete --team).</source>
        <translation>“{name}”是团队规则：只能由团队管理员在团队服务器上修改（liaison rules import --team、rules delete --team）。</translation>
    </message>
    <message>
        <source>There is no rule named &apos;{name}&apos;.</source>
        <translation>没有名为“{name}”的规则。</translation>
    </message>
    <message>
        <source>another rule has this name</source>
        <translation>已有同名规则</translation>
    </message>
    <message>
        <source>&apos;in&apos; takes a list of values (field {field})</source>
        <translation>“in”需要一个值列表（字段 {field}）</translation>
    </message>
    <message>
        <source>&apos;then&apos; is a list of at least one action</source>
        <translation>“then”须是至少含一个动作的列表</translation>
    </message>
    <message>
        <source>&apos;when&apos; needs an event, one of {events}</source>
        <translation>“when”需要一个事件，可选：{events}</translation>
    </message>
    <message>
        <source>&apos;{at}&apos; is not a time of day such as 09:00</source>
        <translation>“{at}”不是有效的时间（如 09:00）</translation>
    </message>
    <message>
        <source>&apos;{group}&apos; takes a list of conditions</source>
        <translation>“{group}”需要一个条件列表</translation>
    </message>
    <message>
        <source>&apos;{op}&apos; is not an operator ({ops})</source>
        <translation>“{op}”不是有效的运算符（{ops}）</translation>
    </message>
    <message>
        <source>&apos;{priority}&apos; is not a priority ({priorities})</source>
        <translation>“{priority}”不是有效的优先级（{priorities}）</translation>
    </message>
    <message>
        <source>&apos;{record}&apos; is not a record type ({records})</source>
        <translation>“{record}”不是有效的记录类型（{records}）</translation>
    </message>
    <message>
        <source>A rules file is a JSON object with a list &quot;rules&quot;.</source>
        <translation>规则文件须是含有“rules”列表的 JSON 对象。</translation>
    </message>
    <message>
        <source>Rule &apos;{rule}&apos;: {problem}.</source>
        <translation>规则“{rule}”：{problem}。</translation>
    </message>
    <message>
        <source>a condition</source>
        <translation>条件</translation>
    </message>
    <message>
        <source>a condition is an object</source>
        <translation>条件须是一个对象</translation>
    </message>
    <message>
        <source>a condition names a field</source>
        <translation>条件须指明字段</translation>
    </message>
    <message>
        <source>a group &apos;{group}&apos; holds nothing else</source>
        <translation>条件组“{group}”中不能有其他键</translation>
    </message>
    <message>
        <source>a rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>a rule is a JSON object</source>
        <translation>规则须是一个 JSON 对象</translation>
    </message>
    <message>
        <source>a rule needs a name of 1 to {limit} characters</source>
        <translation>规则名称须为 1 到 {limit} 个字符</translation>
    </message>
    <message>
        <source>a schedule runs every day or every week</source>
        <translation>计划只能每天或每周运行</translation>
    </message>
    <message>
        <source>a weekly schedule needs a day, e.g. &quot;day&quot;: &quot;monday&quot;</source>
        <translation>每周计划须指定星期几，如 &quot;day&quot;: &quot;monday&quot;</translation>
    </message>
    <message>
        <source>days must be a whole number above 0</source>
        <translation>天数须为大于 0 的整数</translation>
    </message>
    <message>
        <source>each action names one of {actions}</source>
        <translation>每个动作须是以下之一：{actions}</translation>
    </message>
    <message>
        <source>enabled is true or false</source>
        <translation>enabled 须为 true 或 false</translation>
    </message>
    <message>
        <source>hours and days are whole numbers above 0</source>
        <translation>小时数和天数须为大于 0 的整数</translation>
    </message>
    <message>
        <source>no_activity watches contacts or companies</source>
        <translation>no_activity 只适用于联系人或公司</translation>
    </message>
    <message>
        <source>only tasks and cases can be overdue</source>
        <translation>只有任务和工单会逾期</translation>
    </message>
    <message>
        <source>scope is &apos;me&apos; or &apos;team&apos;</source>
        <translation>scope 须为“me”或“team”</translation>
    </message>
    <message>
        <source>the action {action}</source>
        <translation>动作 {action}</translation>
    </message>
    <message>
        <source>the conditions are nested too deeply</source>
        <translation>条件嵌套层数过多</translation>
    </message>
    <message>
        <source>the event {event}</source>
        <translation>事件 {event}</translation>
    </message>
    <message>
        <source>the file has two rules of this name</source>
        <translation>文件中有两条同名规则</translation>
    </message>
    <message>
        <source>the pattern &apos;{pattern}&apos; is not a regular expression ({reason})</source>
        <translation>模式“{pattern}”不是有效的正则表达式（{reason}）</translation>
    </message>
    <message>
        <source>the wait must be longer than nothing</source>
        <translation>等待时间须大于零</translation>
    </message>
    <message>
        <source>{action} needs a message: the event {event} has none</source>
        <translation>{action} 需要邮件，但事件 {event} 没有邮件</translation>
    </message>
    <message>
        <source>{key} of {action} is text</source>
        <translation>{action} 的 {key} 须是文本</translation>
    </message>
    <message>
        <source>{what} &apos;{text}&apos; is not a duration such as 30m, 48h, 2d or 1w</source>
        <translation>{what}“{text}”不是有效的时长（如 30m、48h、2d 或 1w）</translation>
    </message>
    <message>
        <source>{what} does not take {keys}</source>
        <translation>{what} 不接受 {keys}</translation>
    </message>
    <message>
        <source>{what} needs {keys}</source>
        <translation>{what} 需要 {keys}</translation>
    </message>
    <message>
        <source>&apos;{kind}&apos; is not a call or a meeting</source>
        <translation>“{kind}”不是通话或会议</translation>
    </message>
    <message>
        <source>a duration cannot be negative</source>
        <translation>时长不能为负数</translation>
    </message>
    <message>
        <source>a note, call, meeting or task belongs to a contact, a company or a deal</source>
        <translation>备注、通话、会议或任务必须属于某个联系人、公司或商机</translation>
    </message>
    <message>
        <source>a task needs a title</source>
        <translation>任务需要标题</translation>
    </message>
    <message>
        <source>the note is empty</source>
        <translation>备注为空</translation>
    </message>
    <message>
        <source>&apos;{priority}&apos; is not a priority ({choices})</source>
        <translation>“{priority}”不是有效的优先级（{choices}）</translation>
    </message>
    <message>
        <source>&apos;{status}&apos; is not a case status ({choices})</source>
        <translation>“{status}”不是有效的工单状态（{choices}）</translation>
    </message>
    <message>
        <source>a case needs a title</source>
        <translation>工单需要标题</translation>
    </message>
    <message>
        <source>more than one case starts with &apos;{id}&apos;</source>
        <translation>有多个工单以“{id}”开头</translation>
    </message>
    <message>
        <source>no case with id &apos;{id}&apos;</source>
        <translation>没有 ID 为“{id}”的工单</translation>
    </message>
    <message>
        <source>&apos;{target}&apos; is not a contact field (fields: {items}, custom.&lt;key&gt;, ignore).</source>
        <translation>“{target}”不是联系人字段（字段：{items}、custom.&lt;key&gt;、ignore）。</translation>
    </message>
    <message>
        <source>No column was recognised as a name or an email address; map one with --map &quot;Column=email&quot;.</source>
        <translation>没有识别出姓名或邮箱地址列；请用 --map &quot;Column=email&quot; 指定一列。</translation>
    </message>
    <message>
        <source>The file has no column &apos;{column}&apos; (columns: {items}).</source>
        <translation>文件中没有“{column}”列（现有列：{items}）。</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>文件为空。</translation>
    </message>
    <message>
        <source>The file is larger than 200 MB; split it first.</source>
        <translation>文件超过 200 MB；请先拆分。</translation>
    </message>
    <message>
        <source>The file is not readable as CSV near line {line_num}: {exc}.</source>
        <translation>文件第 {line_num} 行附近无法按 CSV 读取：{exc}。</translation>
    </message>
    <message>
        <source>The file is not readable as CSV: {exc}.</source>
        <translation>无法按 CSV 读取文件：{exc}。</translation>
    </message>
    <message>
        <source>the row has neither a name nor an email address</source>
        <translation>该行既没有姓名也没有邮箱地址</translation>
    </message>
    <message>
        <source>the row has {cells} cells but the header has {columns} columns (a missing cell, or a {delimiter} inside a value without quotes)</source>
        <translation>该行有 {cells} 个单元格，但表头有 {columns} 列（缺少单元格，或某个值中含有未加引号的 {delimiter}）</translation>
    </message>
    <message>
        <source>{email} is also on row {row}</source>
        <translation>{email} 也出现在第 {row} 行</translation>
    </message>
    <message>
        <source>&apos;{field_type}&apos; is not a field type ({items})</source>
        <translation>“{field_type}”不是字段类型（{items}）</translation>
    </message>
    <message>
        <source>&apos;{key}&apos; is not a field key (lower-case letters, digits and _)</source>
        <translation>“{key}”不是有效的字段键（小写字母、数字和 _）</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date (use 2026-11-24)</source>
        <translation>“{text}”不是日期（例如 2026-11-24）</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a number</source>
        <translation>“{text}”不是数字</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a real date</source>
        <translation>“{text}”不是有效日期</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not one of: {items}</source>
        <translation>“{text}”不是以下选项之一：{items}</translation>
    </message>
    <message>
        <source>No contact with the address {email}.</source>
        <translation>没有使用地址 {email} 的联系人。</translation>
    </message>
    <message>
        <source>a company needs a name</source>
        <translation>公司需要名称</translation>
    </message>
    <message>
        <source>the domain {domain} already belongs to another company</source>
        <translation>域名 {domain} 已属于另一家公司</translation>
    </message>
    <message>
        <source>there is no custom field &apos;{key}&apos; for a {record_type} (defined: {known})</source>
        <translation>{record_type} 没有自定义字段“{key}”（已定义：{known}）</translation>
    </message>
    <message>
        <source>{email} already belongs to the contact {contact}</source>
        <translation>{email} 已属于联系人 {contact}</translation>
    </message>
    <message>
        <source>Choose the contact to keep and at least one other contact to merge into it.</source>
        <translation>请选择要保留的联系人，以及至少一个要合并进来的联系人。</translation>
    </message>
    <message>
        <source>The number of days must be at least 1.</source>
        <translation>天数至少为 1。</translation>
    </message>
    <message>
        <source>This message has no Message-ID, so a reply to it cannot be recognised.</source>
        <translation>此邮件没有 Message-ID，因此无法识别对它的回复。</translation>
    </message>
    <message>
        <source>There is no version {number} (versions 1 to {count}).</source>
        <translation>没有版本 {number}（共有版本 1 到 {count}）。</translation>
    </message>
    <message>
        <source>The file has no LDIF address book entry in it (no dn: line); nothing was imported.</source>
        <translation>文件中没有 LDIF 通讯录条目（没有 dn: 行）；未导入任何内容。</translation>
    </message>
    <message>
        <source>This message has no Message-ID, so a manual link could not be kept across re-syncs.</source>
        <translation>此邮件没有 Message-ID，因此手动关联无法在重新同步后保留。</translation>
    </message>
    <message>
        <source>Not sent: {email} has no value for {items}; fill it in first or change the template.</source>
        <translation>未发送：{email} 缺少 {items} 的值；请先填写或修改模板。</translation>
    </message>
    <message>
        <source>A {kind_name} has no field &apos;{field}&apos;.</source>
        <translation>{kind_name} 没有字段“{field}”。</translation>
    </message>
    <message>
        <source>No {kind_name} with id {record_uuid}.</source>
        <translation>没有 ID 为 {record_uuid} 的 {kind_name}。</translation>
    </message>
    <message>
        <source>Unknown record type &apos;{name}&apos;.</source>
        <translation>未知的记录类型“{name}”。</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; has the wrong number of digits for a phone number</source>
        <translation>“{value}”的位数不符合电话号码</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a phone number</source>
        <translation>“{value}”不是电话号码</translation>
    </message>
    <message>
        <source>the phone number is empty</source>
        <translation>电话号码为空</translation>
    </message>
    <message>
        <source>The file has no vCard in it (no BEGIN:VCARD line); nothing was imported.</source>
        <translation>文件中没有 vCard（没有 BEGIN:VCARD 行）；未导入任何内容。</translation>
    </message>
    <message>
        <source>the card has no END:VCARD line (the file may be cut off)</source>
        <translation>名片缺少 END:VCARD 行（文件可能不完整）</translation>
    </message>
    <message>
        <source>The sign-in for {account} has expired or was revoked; sign in again.</source>
        <translation>{account} 的登录已过期或已被撤销，请重新登录。</translation>
    </message>
    <message>
        <source>{account} is not signed in on this computer; sign in again.</source>
        <translation>{account} 在这台电脑上尚未登录，请重新登录。</translation>
    </message>
    <message>
        <source>No password is stored for {account}.</source>
        <translation>尚未保存 {account} 的密码。</translation>
    </message>
    <message>
        <source>The sign-in server gave no refresh token, so Liaison could not stay signed in; ask your IT department whether offline access is allowed.</source>
        <translation>登录服务器没有提供刷新令牌，Liaison 无法保持登录状态；请询问您的 IT 部门是否允许离线访问。</translation>
    </message>
    <message>
        <source>OAuth2 sign-in is available for {known}, not &apos;{key}&apos;.</source>
        <translation>OAuth2 登录仅适用于 {known}，不适用于“{key}”。</translation>
    </message>
    <message>
        <source>Sign-in with {provider} is not set up on this computer: the setting {setting} (a client id registered with {provider}) is empty; ask your IT department.</source>
        <translation>这台电脑尚未设置 {provider} 登录：设置项 {setting}（在 {provider} 注册的客户端 ID）为空；请联系您的 IT 部门。</translation>
    </message>
    <message>
        <source>The server refused the sign-in of {account} even with a new token ({reply}); check that IMAP/SMTP is allowed for the mailbox, then sign in again.</source>
        <translation>即使使用新的令牌，服务器仍拒绝了 {account} 的登录（{reply}）；请确认该邮箱已允许 IMAP/SMTP，然后重新登录。</translation>
    </message>
    <message>
        <source>No answer came back from the browser within {minutes} minutes; start the sign-in again.</source>
        <translation>浏览器在 {minutes} 分钟内没有返回结果，请重新开始登录。</translation>
    </message>
    <message>
        <source>The browser came back from a sign-in Liaison did not start (the state did not match); start the sign-in again.</source>
        <translation>浏览器返回的登录不是 Liaison 发起的（state 不匹配），请重新开始登录。</translation>
    </message>
    <message>
        <source>The browser came back without an authorization code; start the sign-in again.</source>
        <translation>浏览器返回时没有授权码，请重新开始登录。</translation>
    </message>
    <message>
        <source>The sign-in was not completed in the browser ({reply}).</source>
        <translation>未在浏览器中完成登录（{reply}）。</translation>
    </message>
    <message>
        <source>The certificate of the sign-in server {host} could not be verified ({reply}).</source>
        <translation>无法验证登录服务器 {host} 的证书（{reply}）。</translation>
    </message>
    <message>
        <source>The sign-in server address {url} must start with https://.</source>
        <translation>登录服务器地址 {url} 必须以 https:// 开头。</translation>
    </message>
    <message>
        <source>The sign-in server answered without an access token.</source>
        <translation>登录服务器的回复中没有访问令牌。</translation>
    </message>
    <message>
        <source>The sign-in server did not accept the sign-in ({reply}); start it again.</source>
        <translation>登录服务器未接受此次登录（{reply}），请重新开始。</translation>
    </message>
    <message>
        <source>The sign-in server does not accept this computer&apos;s client id ({reply}); ask your IT department to check it.</source>
        <translation>登录服务器不接受这台电脑的客户端 ID（{reply}）；请联系您的 IT 部门检查。</translation>
    </message>
    <message>
        <source>The sign-in server refused the request ({reply}).</source>
        <translation>登录服务器拒绝了请求（{reply}）。</translation>
    </message>
    <message>
        <source>The sign-in server {host} answered with something that is not JSON.</source>
        <translation>登录服务器 {host} 的回复不是 JSON。</translation>
    </message>
    <message>
        <source>The sign-in server {host} cannot be reached ({reply}).</source>
        <translation>无法连接登录服务器 {host}（{reply}）。</translation>
    </message>
    <message>
        <source>The mailbox refused the connection: IMAP may be switched off for it. {advice}</source>
        <translation>邮箱拒绝了连接：可能未开启 IMAP。{advice}</translation>
    </message>
    <message>
        <source>The password was not accepted. {advice}</source>
        <translation>密码未被接受。{advice}</translation>
    </message>
    <message>
        <source>The server answered with an error. {detail}</source>
        <translation>服务器返回了错误。{detail}</translation>
    </message>
    <message>
        <source>The server could not be reached. {detail}</source>
        <translation>无法连接服务器。{detail}</translation>
    </message>
    <message>
        <source>The server wants an app password or authorisation code instead of your web password; create one in your mailbox&apos;s security settings.</source>
        <translation>服务器要求使用应用专用密码或授权码，而不是网页登录密码；请在邮箱的安全设置中生成。</translation>
    </message>
    <message>
        <source>The server&apos;s security certificate could not be verified, so your password was not sent. {detail}</source>
        <translation>无法验证服务器的安全证书，因此未发送您的密码。{detail}</translation>
    </message>
    <message>
        <source>The user name or password was not accepted. Check them; if your provider uses app passwords or authorisation codes, use one instead of the web password.</source>
        <translation>用户名或密码未被接受。请检查；如果您的邮箱服务商使用应用专用密码或授权码，请用它代替网页登录密码。</translation>
    </message>
    <message>
        <source>No folder &apos;{only_folder}&apos; in {account_name} (folders: {names}).</source>
        <translation>{account_name} 中没有文件夹“{only_folder}”（现有文件夹：{names}）。</translation>
    </message>
    <message>
        <source>{folder}: {error}</source>
        <translation>{folder}：{error}</translation>
    </message>
    <message>
        <source>No folder &apos;{role_or_name}&apos; in this account.</source>
        <translation>此账户中没有文件夹“{role_or_name}”。</translation>
    </message>
    <message>
        <source>That message is no longer stored, so the move cannot be undone.</source>
        <translation>该邮件已不在本机，无法撤销移动。</translation>
    </message>
    <message>
        <source>The server refused a change in {folder}: {reply}</source>
        <translation>服务器拒绝了 {folder} 中的修改：{reply}</translation>
    </message>
    <message>
        <source>This account has no {role_or_name} folder.</source>
        <translation>此账户没有 {role_or_name} 文件夹。</translation>
    </message>
    <message>
        <source>Unsupported flag: {flag}</source>
        <translation>不支持的标记：{flag}</translation>
    </message>
    <message>
        <source>{count} change(s) made in {folder} could not reach the server: the folder no longer exists there.</source>
        <translation>在 {folder} 中所做的 {count} 项修改无法同步到服务器：该文件夹在服务器上已不存在。</translation>
    </message>
    <message>
        <source>{count} change(s) made in {folder} could not reach the server: the server renumbered the folder.</source>
        <translation>在 {folder} 中所做的 {count} 项修改无法同步到服务器：服务器重新编号了该文件夹。</translation>
    </message>
    <message>
        <source>{count} change(s) made in {folder} were given up after {attempts} refusals: {error}</source>
        <translation>在 {folder} 中所做的 {count} 项修改在被拒绝 {attempts} 次后已放弃：{error}</translation>
    </message>
    <message>
        <source>{count} message(s) could not be moved to {target}: that folder no longer exists on the server; they are back in {folder}.</source>
        <translation>{count} 封邮件无法移到 {target}：该文件夹在服务器上已不存在；邮件已回到 {folder}。</translation>
    </message>
    <message>
        <source>{host} does not support IDLE; polling instead.</source>
        <translation>{host} 不支持 IDLE；改为定时检查。</translation>
    </message>
    <message>
        <source>A secure connection to {host}:{port} could not be set up ({reply}); check the port and the security setting (ssl, starttls).</source>
        <translation>无法与 {host}:{port} 建立安全连接（{reply}）；请检查端口和安全连接设置（ssl、starttls）。</translation>
    </message>
    <message>
        <source>Could not talk to {host}:{port}: {reply}.</source>
        <translation>无法与 {host}:{port} 通信：{reply}。</translation>
    </message>
    <message>
        <source>The certificate of {host} could not be verified ({reply}). If your company uses its own certificate authority, give Liaison that authority&apos;s certificate.</source>
        <translation>无法验证 {host} 的证书（{reply}）。如果贵公司使用自己的证书颁发机构，请把该机构的证书提供给 Liaison。</translation>
    </message>
    <message>
        <source>The connection to {host}:{port} was lost ({reply}).</source>
        <translation>与 {host}:{port} 的连接已断开（{reply}）。</translation>
    </message>
    <message>
        <source>The server {host} refused a command: {reply}</source>
        <translation>服务器 {host} 拒绝了一条命令：{reply}</translation>
    </message>
    <message>
        <source>The server {host} was not found: check the host name and that you are online.</source>
        <translation>找不到服务器 {host}：请检查主机名以及网络是否连接。</translation>
    </message>
    <message>
        <source>{host} answered on port {port} without asking who you are, which leaves no way to encrypt the connection; refusing to continue.</source>
        <translation>{host} 在端口 {port} 上未验证身份就直接应答，这样连接无法加密；已拒绝继续。</translation>
    </message>
    <message>
        <source>{host} does not offer STARTTLS on port {port}; refusing to send the password unencrypted.</source>
        <translation>{host} 在端口 {port} 上不支持 STARTTLS；拒绝以明文发送密码。</translation>
    </message>
    <message>
        <source>{host} rejected the user name or password for {user} ({reply}). Some providers (QQ, 163, Gmail...) need an app password or authorisation code from the mailbox&apos;s web settings instead of the web password.</source>
        <translation>{host} 拒绝了 {user} 的用户名或密码（{reply}）。部分邮箱（QQ、163、Gmail 等）需要在网页版邮箱设置中生成应用专用密码或授权码，而不是使用网页登录密码。</translation>
    </message>
    <message>
        <source>{host}:{port} did not answer in time: the network may be down.</source>
        <translation>{host}:{port} 未及时响应：网络可能已断开。</translation>
    </message>
    <message>
        <source>{host}:{port} refused the connection: check the port number.</source>
        <translation>{host}:{port} 拒绝了连接：请检查端口号。</translation>
    </message>
    <message>
        <source>{path} could not be read to the end ({reason}); the messages before that point are imported, run it again to continue.</source>
        <translation>{path} 未能读完（{reason}）；此前的邮件已导入，再次运行即可继续。</translation>
    </message>
    <message>
        <source>No mail was found in {path} (looked for mbox files, .eml files and a Thunderbird profile); nothing was imported.</source>
        <translation>在 {path} 中没有找到邮件（已查找 mbox 文件、.eml 文件和 Thunderbird 配置文件）；未导入任何内容。</translation>
    </message>
    <message>
        <source>The folder {path} cannot be read.</source>
        <translation>无法读取文件夹 {path}。</translation>
    </message>
    <message>
        <source>There is no file or folder at {path}.</source>
        <translation>{path} 处没有文件或文件夹。</translation>
    </message>
    <message>
        <source>{path} cannot be read: {reason}.</source>
        <translation>无法读取 {path}：{reason}。</translation>
    </message>
    <message>
        <source>{path} is not an mbox file, an .eml file or a folder of mail; nothing was imported.</source>
        <translation>{path} 不是 mbox 文件、.eml 文件或邮件文件夹；未导入任何内容。</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; contains a space</source>
        <translation>“{value}”中含有空格</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; has more than one @</source>
        <translation>“{value}”中有多个 @</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; has no @ (an email address looks like name@example.com)</source>
        <translation>“{value}”中没有 @（邮箱地址形如 name@example.com）</translation>
    </message>
    <message>
        <source>the domain of &apos;{value}&apos; is not valid</source>
        <translation>“{value}”的域名无效</translation>
    </message>
    <message>
        <source>the domain of &apos;{value}&apos; is not valid (it needs a dot, like example.com)</source>
        <translation>“{value}”的域名无效（需要包含点，例如 example.com）</translation>
    </message>
    <message>
        <source>the email address is empty</source>
        <translation>邮箱地址为空</translation>
    </message>
    <message>
        <source>the part before @ in &apos;{value}&apos; is not valid</source>
        <translation>“{value}”中 @ 之前的部分无效</translation>
    </message>
    <message>
        <source>Liaison stopped while the server was receiving this message, and it is not in Sent: it may or may not have been delivered. Send it again only if the recipient did not get it.</source>
        <translation>服务器接收这封邮件时 Liaison 停止了，而邮件不在“已发送”中：可能已送达，也可能没有。只有在收件人确实没收到时才重新发送。</translation>
    </message>
    <message>
        <source>No outbox message with id {id}.</source>
        <translation>没有 ID 为 {id} 的发件箱邮件。</translation>
    </message>
    <message>
        <source>The attachments are larger than {megabytes} MB; no mail server accepts that.</source>
        <translation>附件超过 {megabytes} MB；没有邮件服务器会接受。</translation>
    </message>
    <message>
        <source>The message has no recipient.</source>
        <translation>邮件没有收件人。</translation>
    </message>
    <message>
        <source>The {name} contains a line break or a NUL character; it was not sent.</source>
        <translation>{name} 中含有换行符或 NUL 字符；未发送。</translation>
    </message>
    <message>
        <source>The {what} {address} is not valid: {exc}.</source>
        <translation>{what} {address} 无效：{exc}。</translation>
    </message>
    <message>
        <source>The SMTP server {host} did not accept the password ({reply}).</source>
        <translation>SMTP 服务器 {host} 未接受密码（{reply}）。</translation>
    </message>
    <message>
        <source>The certificate of {host} could not be verified ({reply}).</source>
        <translation>无法验证 {host} 的证书（{reply}）。</translation>
    </message>
    <message>
        <source>The connection to {host}:{port} failed: {reply}.</source>
        <translation>与 {host}:{port} 的连接失败：{reply}。</translation>
    </message>
    <message>
        <source>The server refused the recipients: {recipients}.</source>
        <translation>服务器拒绝了这些收件人：{recipients}。</translation>
    </message>
    <message>
        <source>The server {host} answered {reply_code}: {reply}</source>
        <translation>服务器 {host} 返回 {reply_code}：{reply}</translation>
    </message>
    <message>
        <source>The server {host} answered {reply_code}: {reply} (it will be tried again)</source>
        <translation>服务器 {host} 返回 {reply_code}：{reply}（稍后会重试）</translation>
    </message>
    <message>
        <source>The server {host}: {reply}</source>
        <translation>服务器 {host}：{reply}</translation>
    </message>
    <message>
        <source>{address} ({reply_code} {reply})</source>
        <translation>{address}（{reply_code} {reply}）</translation>
    </message>
    <message>
        <source>{host}:{port} does not offer STARTTLS; the message was not sent in plaintext. Check the port and the security setting.</source>
        <translation>{host}:{port} 不支持 STARTTLS；邮件未以明文发送。请检查端口和安全连接设置。</translation>
    </message>
    <message>
        <source>A template needs a name.</source>
        <translation>模板需要名称。</translation>
    </message>
    <message>
        <source>No template called {name}.</source>
        <translation>没有名为 {name} 的模板。</translation>
    </message>
    <message>
        <source>There is already a template called {name}.</source>
        <translation>已有名为 {name} 的模板。</translation>
    </message>
    <message>
        <source>Unknown field(s) {fields}; fields are {known}.</source>
        <translation>未知字段 {fields}；可用字段为 {known}。</translation>
    </message>
    <message>
        <source>The certificate authority file {path} could not be read ({reason}).</source>
        <translation>无法读取证书颁发机构文件 {path}（{reason}）。</translation>
    </message>
    <message>
        <source>The certificate authority file {path} does not exist.</source>
        <translation>证书颁发机构文件 {path} 不存在。</translation>
    </message>
    <message>
        <source>The certificate authority file {path} holds no certificate Liaison can use: give a PEM file (text starting with -----BEGIN CERTIFICATE-----).</source>
        <translation>证书颁发机构文件 {path} 中没有 Liaison 可用的证书：请提供 PEM 文件（以 -----BEGIN CERTIFICATE----- 开头的文本）。</translation>
    </message>
    <message>
        <source>The certificate authority file {path} is a folder, not a PEM file.</source>
        <translation>证书颁发机构文件 {path} 是文件夹，不是 PEM 文件。</translation>
    </message>
    <message>
        <source>The profile folder {path} is read-only; Liaison needs to write there. Make it writable, or choose another profile.</source>
        <translation>配置文件夹 {path} 是只读的；Liaison 需要在其中写入。请使其可写，或选择其他配置文件。</translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}.</source>
        <translation>无法写入 {path}：{reason}。</translation>
    </message>
    <message>
        <source>&apos;{field}:{value}&apos; names more than {most} records; use more of the name.</source>
        <translation>“{field}:{value}”匹配超过 {most} 条记录；请输入更完整的名称。</translation>
    </message>
    <message>
        <source>No contact or company matches &apos;{value}&apos;.</source>
        <translation>没有与“{value}”匹配的联系人或公司。</translation>
    </message>
    <message>
        <source>No deal matches &apos;{value}&apos;.</source>
        <translation>没有与“{value}”匹配的商机。</translation>
    </message>
    <message>
        <source>No folder is called &apos;{value}&apos;.</source>
        <translation>没有名为“{value}”的文件夹。</translation>
    </message>
    <message>
        <source>No folder is called &apos;{value}&apos;; folders are: {folders}.</source>
        <translation>没有名为“{value}”的文件夹；现有文件夹：{folders}。</translation>
    </message>
    <message>
        <source>&apos;has:{value}&apos; is not known; use has:attachment.</source>
        <translation>无法识别“has:{value}”；请使用 has:attachment。</translation>
    </message>
    <message>
        <source>&apos;is:{value}&apos; is not known; use is:unread, is:read or is:flagged.</source>
        <translation>无法识别“is:{value}”；请使用 is:unread、is:read 或 is:flagged。</translation>
    </message>
    <message>
        <source>&apos;{operator}:&apos; is not a search operator (did you mean &apos;{suggestion}:&apos;?); searched as text.</source>
        <translation>“{operator}:”不是搜索运算符（您是想用“{suggestion}:”吗？）；已按文字搜索。</translation>
    </message>
    <message>
        <source>&apos;{operator}:&apos; needs a value, for example {example}.</source>
        <translation>“{operator}:”需要一个值，例如 {example}。</translation>
    </message>
    <message>
        <source>&apos;{operator}:{value}&apos; has no letters or digits to look for.</source>
        <translation>“{operator}:{value}”中没有可搜索的字母或数字。</translation>
    </message>
    <message>
        <source>&apos;{operator}:{value}&apos; is not a date; write it like {operator}:2026-03-01, {operator}:2026-03, {operator}:yesterday or {operator}:7d.</source>
        <translation>“{operator}:{value}”不是日期；请写成 {operator}:2026-03-01、{operator}:2026-03、{operator}:yesterday 或 {operator}:7d。</translation>
    </message>
    <message>
        <source>A quotation mark was not closed; the phrase runs to the end of the search.</source>
        <translation>有引号未闭合；短语一直延续到搜索末尾。</translation>
    </message>
    <message>
        <source>The search has {count} parts; use at most {most}.</source>
        <translation>搜索包含 {count} 个部分；最多只能有 {most} 个。</translation>
    </message>
    <message>
        <source>The search is too long ({length} characters); keep it under {most}.</source>
        <translation>搜索内容太长（{length} 个字符）；请控制在 {most} 个以内。</translation>
    </message>
    <message>
        <source>Type a word to search for, or an operator such as from:anna or is:unread.</source>
        <translation>请输入要搜索的词，或使用 from:anna、is:unread 等运算符。</translation>
    </message>
    <message>
        <source>No secure password store is available, so Liaison cannot keep your password. On Linux install and unlock a Secret Service keyring (for example: sudo apt-get install gnome-keyring, then log in to a desktop session); or let Liaison keep passwords in its encrypted file instead (setting secrets_store: auto or file).</source>
        <translation>没有可用的安全密码存储，Liaison 无法保存您的密码。在 Linux 上请安装并解锁 Secret Service 密钥环（例如：sudo apt-get install gnome-keyring，然后登录桌面会话）；或者让 Liaison 把密码保存在它的加密文件中（设置 secrets_store：auto 或 file）。</translation>
    </message>
    <message>
        <source>Liaison is closing; the sync did not start.</source>
        <translation>Liaison 正在关闭，同步没有开始。</translation>
    </message>
    <message>
        <source>The account was removed before its sync started.</source>
        <translation>该账户在同步开始前已被删除。</translation>
    </message>
    <message>
        <source>The sync process ended unexpectedly (exit code {exit_code}); the next sync starts it again.</source>
        <translation>同步进程意外结束（退出代码 {exit_code}）；下次同步会重新启动它。</translation>
    </message>
    <message>
        <source>The encryption key of this profile is not in the keyring or the secrets file, so {profile} cannot be opened.</source>
        <translation>此配置文件的加密密钥不在密钥环或密码文件中，因此无法打开 {profile}。</translation>
    </message>
    <message>
        <source>This profile was wiped on {when} when the team server revoked this laptop, so {profile} cannot be opened; move that folder away to start again.</source>
        <translation>团队服务器已于 {when} 吊销此电脑，此配置文件已被清除，因此无法打开 {profile}；请将该文件夹移走后重新开始。</translation>
    </message>
    <message>
        <source>The team server&apos;s answer could not be read ({reason}).</source>
        <translation>无法读取团队服务器的应答（{reason}）。</translation>
    </message>
    <message>
        <source>That primary password is not right.</source>
        <translation>主密码不正确。</translation>
    </message>
    <message>
        <source>The secrets file {path} is damaged and cannot be read; restore it from a backup or remove it and enter your passwords again.</source>
        <translation>密码文件 {path} 已损坏，无法读取；请从备份恢复，或删除它后重新输入您的密码。</translation>
    </message>
    <message>
        <source>The secrets file {path} was written by a newer Liaison; update Liaison to read it.</source>
        <translation>密码文件 {path} 由更新版本的 Liaison 写入；请更新 Liaison 后再读取。</translation>
    </message>
    <message>
        <source>A primary password is already set; change it instead.</source>
        <translation>已经设置了主密码；请改为更改主密码。</translation>
    </message>
    <message>
        <source>No primary password is set, so there is nowhere safe to keep passwords; set one first.</source>
        <translation>尚未设置主密码，因此没有安全的地方保存密码；请先设置主密码。</translation>
    </message>
    <message>
        <source>Your passwords are locked: enter the primary password first.</source>
        <translation>您的密码已锁定：请先输入主密码。</translation>
    </message>
    <message>
        <source>The system keyring did not answer within {seconds} seconds; unlock it and try again.</source>
        <translation>系统密钥环在 {seconds} 秒内没有响应；请解锁后重试。</translation>
    </message>
    <message>
        <source>The system keyring did not keep a password; the secrets file is kept.</source>
        <translation>系统密钥环没有保存密码；密码文件已保留。</translation>
    </message>
    <message>
        <source>The system keyring refused the request: {reply}</source>
        <translation>系统密钥环拒绝了请求：{reply}</translation>
    </message>
    <message>
        <source>Another import into {account} is under way; run this one when it has finished.</source>
        <translation>另一个导入到 {account} 的任务正在进行；请等它完成后再运行。</translation>
    </message>
    <message>
        <source>{account} cannot be synced, so nothing was uploaded.</source>
        <translation>{account} 无法同步，因此未上传任何内容。</translation>
    </message>
    <message>
        <source>{account} has no server to upload to; import without --upload to keep the mail in Local Folders.</source>
        <translation>{account} 没有可上传的服务器；导入时不加 --upload 即可将邮件保存在本地文件夹中。</translation>
    </message>
    <message>
        <source>Another Liaison is already syncing {account}; this sync was skipped (the one running brings the same mail).</source>
        <translation>另一个 Liaison 正在同步 {account}；已跳过本次同步（正在进行的同步会收取同样的邮件）。</translation>
    </message>
    <message>
        <source>&apos;{email}&apos; is not an email address (expected name@example.com).</source>
        <translation>“{email}”不是邮箱地址（应为 name@example.com）。</translation>
    </message>
    <message>
        <source>An account named &apos;{new_name}&apos; already exists.</source>
        <translation>已有名为“{new_name}”的账户。</translation>
    </message>
    <message>
        <source>No account named &apos;{name}&apos; (accounts: {known}).</source>
        <translation>没有名为“{name}”的账户（现有账户：{known}）。</translation>
    </message>
    <message>
        <source>Sync mode must be one of {items}, not &apos;{mode}&apos;.</source>
        <translation>同步方式必须是 {items} 之一，不能是“{mode}”。</translation>
    </message>
    <message>
        <source>The account needs a name.</source>
        <translation>账户需要名称。</translation>
    </message>
    <message>
        <source>The {label} port must be between 1 and 65535, not {port}.</source>
        <translation>{label} 端口必须在 1 到 65535 之间，不能是 {port}。</translation>
    </message>
    <message>
        <source>The {label} server name &apos;{host}&apos; contains a line break, space or other invisible character; type it again.</source>
        <translation>{label} 服务器名称“{host}”中含有换行、空格或其他不可见字符；请重新输入。</translation>
    </message>
    <message>
        <source>The {label} server name is empty.</source>
        <translation>{label} 服务器名称为空。</translation>
    </message>
    <message>
        <source>{label} security must be one of ssl, starttls, none.</source>
        <translation>{label} 安全连接必须是 ssl、starttls 或 none 之一。</translation>
    </message>
    <message>
        <source>The encrypted copy of the profile did not match the original; the profile is unchanged.</source>
        <translation>配置文件的加密副本与原文件不一致；配置文件未作任何改动。</translation>
    </message>
    <message>
        <source>The profile could not be encrypted ({reply}); it is unchanged.</source>
        <translation>无法加密配置文件（{reply}）；配置文件未作任何改动。</translation>
    </message>
    <message>
        <source>The database is busy in another Liaison process; try again in a moment.</source>
        <translation>数据库正被另一个 Liaison 进程使用；请稍后再试。</translation>
    </message>
    <message>
        <source>The disk is full: free some space, then try again. Nothing was lost.</source>
        <translation>磁盘已满：请释放一些空间后重试。没有丢失任何内容。</translation>
    </message>
    <message>
        <source>The local database failed: {reply}</source>
        <translation>本地数据库出错：{reply}</translation>
    </message>
    <message>
        <source>The local database is damaged ({reply}). Restore the newest copy from the profile&apos;s &apos;backups&apos; folder, or remove the profile and sync again.</source>
        <translation>本地数据库已损坏（{reply}）。请从配置文件的“backups”文件夹中恢复最新的副本，或删除该配置文件后重新同步。</translation>
    </message>
    <message>
        <source>The local database is read-only; Liaison needs to write to its profile folder.</source>
        <translation>本地数据库是只读的；Liaison 需要写入其配置文件夹。</translation>
    </message>
    <message>
        <source>No folder &apos;{folder}&apos; (folders: {items}).</source>
        <translation>没有文件夹“{folder}”（现有文件夹：{items}）。</translation>
    </message>
    <message>
        <source>No folders stored yet for this account: run &apos;liaison sync&apos; first.</source>
        <translation>此账户尚未保存任何文件夹：请先运行“liaison sync”。</translation>
    </message>
    <message>
        <source>That message is no longer stored (it was removed on the server).</source>
        <translation>该邮件已不在本机（已在服务器上删除）。</translation>
    </message>
    <message>
        <source>This profile ({profile}) was written by a newer version of Liaison (database schema {revision}). Install that version, or start this one with another profile.</source>
        <translation>此配置文件（{profile}）由更新版本的 Liaison 写入（数据库结构 {revision}）。请安装该版本，或用其他配置文件启动本版本。</translation>
    </message>
    <message>
        <source>{path} is not a usable Liaison database ({reply}). Restore a copy from the profile&apos;s &apos;backups&apos; folder or choose another profile.</source>
        <translation>{path} 不是可用的 Liaison 数据库（{reply}）。请从配置文件的“backups”文件夹中恢复副本，或选择其他配置文件。</translation>
    </message>
    <message>
        <source>The profile {profile} is open in another Liaison; close it there, then try again.</source>
        <translation>配置文件 {profile} 正在另一个 Liaison 中打开；请先在那里关闭，然后重试。</translation>
    </message>
    <message>
        <source>A change not sent to the team yet is already the record&apos;s value.</source>
        <translation>尚未发送给团队的修改已经是该记录的当前值。</translation>
    </message>
    <message>
        <source>No {type} with id {uuid} on this laptop.</source>
        <translation>这台电脑上没有 ID 为 {uuid} 的 {type}。</translation>
    </message>
    <message>
        <source>There is no version with revision {revision} of this record.</source>
        <translation>此记录没有修订号为 {revision} 的版本。</translation>
    </message>
    <message>
        <source>This profile is not signed in to a team server.</source>
        <translation>此配置文件未登录团队服务器。</translation>
    </message>
    <message>
        <source>This record is not on the team server.</source>
        <translation>此记录不在团队服务器上。</translation>
    </message>
    <message>
        <source>Unknown record type &apos;{type}&apos;.</source>
        <translation>未知的记录类型“{type}”。</translation>
    </message>
    <message>
        <source>Version {number} is a change not sent to the team yet: it is already the record&apos;s value.</source>
        <translation>版本 {number} 是尚未发送给团队的修改：它已经是该记录的当前值。</translation>
    </message>
    <message>
        <source>Only the customer&apos;s owner, their manager or an admin may change its sharing ({reason}).</source>
        <translation>只有客户的负责人、其上级或管理员可以更改共享方式（{reason}）。</translation>
    </message>
    <message>
        <source>Sharing is private, read or edit.</source>
        <translation>共享方式只能是私有、可查看或可编辑。</translation>
    </message>
    <message>
        <source>The customer could not be picked up ({reason}); a colleague may have taken it first.</source>
        <translation>无法领取该客户（{reason}）；可能已被同事抢先领取。</translation>
    </message>
    <message>
        <source>The customer was not given to {email} ({reason}).</source>
        <translation>客户未能转交给 {email}（{reason}）。</translation>
    </message>
    <message>
        <source>The customer was not returned to the team&apos;s pool ({reason}).</source>
        <translation>客户未能退回团队公海（{reason}）。</translation>
    </message>
    <message>
        <source>The record of conflict {id} is not on this laptop.</source>
        <translation>冲突 {id} 对应的记录不在这台电脑上。</translation>
    </message>
    <message>
        <source>The team server is an address like https://liaison.example.com.</source>
        <translation>团队服务器地址形如 https://liaison.example.com。</translation>
    </message>
    <message>
        <source>The team server no longer accepts this device ({reply}); sign in again.</source>
        <translation>团队服务器不再接受此设备（{reply}）；请重新登录。</translation>
    </message>
    <message>
        <source>There is no conflict {id}.</source>
        <translation>没有冲突 {id}。</translation>
    </message>
    <message>
        <source>There is no team rule named &apos;{name}&apos;.</source>
        <translation>没有名为“{name}”的团队规则。</translation>
    </message>
    <message>
        <source>This profile is not signed in to a team server; run: liaison team login --server URL --email EMAIL --password-stdin</source>
        <translation>此配置文件未登录团队服务器；请运行：liaison team login --server URL --email EMAIL --password-stdin</translation>
    </message>
    <message>
        <source>{reason} This laptop removed the team&apos;s records and the key of its encrypted profile, so nothing in the profile can be read any more.</source>
        <translation>{reason} 本机已删除团队的记录以及加密配置文件的密钥，配置文件中的内容再也无法读取。</translation>
    </message>
    <message>
        <source>{reason} This laptop removed the team&apos;s records; {count} unsent changes were saved to {file}.</source>
        <translation>{reason} 这台电脑已移除团队的记录；{count} 项未发送的修改已保存到 {file}。</translation>
    </message>
    <message>
        <source>The team rule &apos;{rule}&apos; was not removed: {reason}</source>
        <translation>团队规则“{rule}”未删除：{reason}</translation>
    </message>
    <message>
        <source>The team rule &apos;{rule}&apos; was not saved: {reason}</source>
        <translation>团队规则“{rule}”未保存：{reason}</translation>
    </message>
    <message>
        <source>The team server refused: {reply}</source>
        <translation>团队服务器拒绝了请求：{reply}</translation>
    </message>
    <message>
        <source>The team server {server} cannot be reached ({reason}).</source>
        <translation>无法连接团队服务器 {server}（{reason}）。</translation>
    </message>
    <message>
        <source>The team server&apos;s certificate could not be verified ({reason}).</source>
        <translation>无法验证团队服务器的证书（{reason}）。</translation>
    </message>
    <message>
        <source>This Liaison is too old for the team server; update it to keep syncing (nothing waiting is lost).</source>
        <translation>此版本的 Liaison 对团队服务器来说太旧了；请更新以继续同步（等待中的内容不会丢失）。</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist.</source>
        <translation>文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <source>{path} cannot be written.</source>
        <translation>无法写入 {path}。</translation>
    </message>
    <message>
        <source>The rules file {path} cannot be read: {problem}</source>
        <translation>无法读取规则文件 {path}：{problem}</translation>
    </message>
    <message>
        <source>Unencrypted connections are not allowed on this computer, so {host} cannot be used with security &apos;none&apos;: choose ssl or starttls.</source>
        <translation>此电脑不允许未加密的连接，因此 {host} 不能使用安全方式“none”：请选择 ssl 或 starttls。</translation>
    </message>
    <message>
        <source>Exporting customer data is not allowed on this computer.</source>
        <translation>此电脑不允许导出客户数据。</translation>
    </message>
    <message>
        <source>Only the team server {allowed} may be used on this computer, not {server}.</source>
        <translation>此电脑只能使用团队服务器 {allowed}，不能使用 {server}。</translation>
    </message>
    <message>
        <source>Name the team server to sign in to (for example https://liaison.example.com).</source>
        <translation>请指定要登录的团队服务器（例如 https://liaison.example.com）。</translation>
    </message>
    <message>
        <source>The policy file {path} cannot be read ({reason}): none of it applies, and security settings are locked to their safe values until it is fixed.</source>
        <translation>无法读取策略文件 {path}（{reason}）：其中的设置全部不生效，在修复之前安全设置锁定为安全值。</translation>
    </message>
    <message>
        <source>The policy file {path} is not valid JSON (line {line}, column {column}): none of it applies, and security settings are locked to their safe values until it is fixed.</source>
        <translation>策略文件 {path} 不是有效的 JSON（第 {line} 行，第 {column} 列）：其中的设置全部不生效，在修复之前安全设置锁定为安全值。</translation>
    </message>
    <message>
        <source>The policy file {path} has no &quot;policies&quot; object: none of it applies, and security settings are locked to their safe values until it is fixed.</source>
        <translation>策略文件 {path} 中没有 &quot;policies&quot; 对象：其中的设置全部不生效，在修复之前安全设置锁定为安全值。</translation>
    </message>
    <message>
        <source>The policy file {path} has a field &apos;{key}&apos; that Liaison does not know: it is ignored.</source>
        <translation>策略文件 {path} 中有 Liaison 不认识的字段“{key}”：已忽略。</translation>
    </message>
    <message>
        <source>The policy file {path} names &apos;{key}&apos;, which is not a setting (settings show lists them): that entry is ignored.</source>
        <translation>策略文件 {path} 中的“{key}”不是一项设置（settings show 会列出所有设置）：该条目已忽略。</translation>
    </message>
    <message>
        <source>In the policy file {path}, &apos;{key}&apos; is not written as {{&quot;value&quot;: …, &quot;locked&quot;: true}}: that entry is ignored.</source>
        <translation>策略文件 {path} 中，“{key}”没有写成 {{&quot;value&quot;: …, &quot;locked&quot;: true}} 的形式：该条目已忽略。</translation>
    </message>
    <message>
        <source>In the policy file {path}, the value of &apos;{key}&apos; is ignored: {reason}</source>
        <translation>策略文件 {path} 中，“{key}”的值已忽略：{reason}</translation>
    </message>
    <message>
        <source>In the policy file {path}, &apos;{key}&apos; is not written as {{&quot;value&quot;: …, &quot;locked&quot;: true}}, so this security setting is locked to its safe value ({value}).</source>
        <translation>策略文件 {path} 中，“{key}”没有写成 {{&quot;value&quot;: …, &quot;locked&quot;: true}} 的形式，因此这项安全设置锁定为安全值（{value}）。</translation>
    </message>
    <message>
        <source>In the policy file {path}, the value of &apos;{key}&apos; cannot be used, so this security setting is locked to its safe value ({value}): {reason}</source>
        <translation>策略文件 {path} 中，“{key}”的值无法使用，因此这项安全设置锁定为安全值（{value}）：{reason}</translation>
    </message>
    <message>
        <source>The policy file {path} has {count} entries that could not be used as written ({keys}); the log says why for each.</source>
        <translation>策略文件 {path} 中有 {count} 个条目无法按所写使用（{keys}）；日志中写明了各自的原因。</translation>
    </message>
</context>
<context>
    <name>list_dates</name>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
</context>
<context>
    <name>settings</name>
    <message>
        <source>Open</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>赢单</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>丢单</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>阅读</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>As soon as it arrives (push)</source>
        <translation>邮件一到就收（推送）</translation>
    </message>
    <message>
        <source>Every 5 minutes</source>
        <translation>每 5 分钟</translation>
    </message>
    <message>
        <source>Every 15 minutes</source>
        <translation>每 15 分钟</translation>
    </message>
    <message>
        <source>Every 30 minutes</source>
        <translation>每 30 分钟</translation>
    </message>
    <message>
        <source>Only when I click Sync</source>
        <translation>仅在我点击“同步”时</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>简体中文</source>
        <translation>简体中文</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <source>The name people see beside your address in mail you send.</source>
        <translation>收件人在您发出的邮件中看到的、显示在您地址旁的名字。</translation>
    </message>
    <message>
        <source>e.g. Wang Fang</source>
        <translation>例如：王芳</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>Added below new messages, after a “-- ” line. Markdown works here: **bold**, *italic*, [a link](https://example.com).</source>
        <translation>添加在新邮件末尾的“-- ”行之后。这里可以使用 Markdown：**粗体**、*斜体*、[链接](https://example.com)。</translation>
    </message>
    <message>
        <source>Check for new mail</source>
        <translation>检查新邮件</translation>
    </message>
    <message>
        <source>Push keeps a connection open and shows new mail at once; the other choices check on a schedule.</source>
        <translation>推送会保持连接，新邮件立即显示；其他选项按计划定时检查。</translation>
    </message>
    <message>
        <source>Allow accounts without encryption</source>
        <translation>允许未加密的邮箱账户</translation>
    </message>
    <message>
        <source>An account whose security is “none” sends your password and mail unencrypted. When this is off, such accounts can be neither added nor used.</source>
        <translation>安全方式为“none”的账户会以明文发送密码和邮件。关闭此项后，此类账户既不能添加也不能使用。</translation>
    </message>
    <message>
        <source>Google sign-in client id</source>
        <translation>Google 登录客户端 ID</translation>
    </message>
    <message>
        <source>The OAuth2 client id (a desktop app) your organisation registered with Google. Without it, Gmail accounts sign in with an app password.</source>
        <translation>贵单位在 Google 注册的 OAuth2 客户端 ID（桌面应用）。没有它时，Gmail 账户使用应用专用密码登录。</translation>
    </message>
    <message>
        <source>Google sign-in client secret</source>
        <translation>Google 登录客户端密钥</translation>
    </message>
    <message>
        <source>The client secret Google issues with a desktop app&apos;s client id. For desktop apps Google does not treat it as confidential.</source>
        <translation>Google 随桌面应用客户端 ID 一起发放的客户端密钥。对于桌面应用，Google 不将其视为机密。</translation>
    </message>
    <message>
        <source>Microsoft sign-in client id</source>
        <translation>Microsoft 登录客户端 ID</translation>
    </message>
    <message>
        <source>The application (client) id your organisation registered in Microsoft Entra ID for Outlook.com and Microsoft 365 mailboxes.</source>
        <translation>贵单位在 Microsoft Entra ID 中为 Outlook.com 和 Microsoft 365 邮箱注册的应用程序（客户端）ID。</translation>
    </message>
    <message>
        <source>Load remote images and styles</source>
        <translation>加载远程图片和样式</translation>
    </message>
    <message>
        <source>A remote image works like a read receipt: loading it tells the sender when and where you opened the message. Each message still offers to load them, and mail from the senders you trust loads them.</source>
        <translation>远程图片的作用类似已读回执：加载它会让发件人知道您何时何地打开了邮件。每封邮件仍可选择加载，来自您信任的发件人的邮件会自动加载。</translation>
    </message>
    <message>
        <source>Never automatically — no read receipts (recommended)</source>
        <translation>从不自动加载 — 不发送已读回执（推荐）</translation>
    </message>
    <message>
        <source>Always — senders can see when you read</source>
        <translation>始终加载 — 发件人能知道您何时阅读</translation>
    </message>
    <message>
        <source>Senders you trust</source>
        <translation>信任的发件人</translation>
    </message>
    <message>
        <source>Mail from these addresses loads remote images by itself. A message from anyone else offers “Always for this sender”.</source>
        <translation>来自这些地址的邮件会自动加载远程图片。其他人的邮件会提供“对此发件人始终加载”。</translation>
    </message>
    <message>
        <source>Free-mail domains</source>
        <translation>免费邮箱域名</translation>
    </message>
    <message>
        <source>An address at one of these never names a company: someone writing from qq.com or gmail.com could work anywhere.</source>
        <translation>这些域名的地址不代表任何公司：用 qq.com 或 gmail.com 写信的人可能在任何地方工作。</translation>
    </message>
    <message>
        <source>Your company&apos;s domains</source>
        <translation>贵公司的域名</translation>
    </message>
    <message>
        <source>People at these domains are your colleagues, not customers. When the list is empty, the domains of your account addresses count, except free-mail domains.</source>
        <translation>这些域名的人是您的同事，而不是客户。列表为空时，使用您账户地址的域名（免费邮箱域名除外）。</translation>
    </message>
    <message>
        <source>Senders never suggested as customers</source>
        <translation>从不作为客户推荐的发件人</translation>
    </message>
    <message>
        <source>Left out of Unknown senders. “Ignore” in that list adds a sender here.</source>
        <translation>不在“未知发件人”中显示。在该列表中点“忽略”会把发件人添加到这里。</translation>
    </message>
    <message>
        <source>Country of phone numbers</source>
        <translation>电话号码所属国家</translation>
    </message>
    <message>
        <source>A phone number written without a country code is read as a number of this country. Two letters: CN, DE, SG…</source>
        <translation>不带国家代码的电话号码按此国家的号码解读。两个字母：CN、DE、SG…</translation>
    </message>
    <message>
        <source>Currency of new deals</source>
        <translation>新商机的币种</translation>
    </message>
    <message>
        <source>Used when a new deal names no currency. Three letters: CNY, EUR, USD…</source>
        <translation>新商机未指定币种时使用。三个字母：CNY、EUR、USD…</translation>
    </message>
    <message>
        <source>Allow exporting customer data</source>
        <translation>允许导出客户数据</translation>
    </message>
    <message>
        <source>Contacts as vCard, a customer&apos;s complete data, and reports as CSV, Excel or PDF. When this is off, none of them can be written to a file.</source>
        <translation>包括 vCard 格式的联系人、客户的完整数据，以及 CSV、Excel 或 PDF 格式的报表。关闭此项后，这些都不能写入文件。</translation>
    </message>
    <message>
        <source>Team server</source>
        <translation>团队服务器</translation>
    </message>
    <message>
        <source>The address signing in uses when none is given. When your organisation sets it, only this server can be used.</source>
        <translation>登录时未指定服务器时使用的地址。由您的组织设定时，只能使用这台服务器。</translation>
    </message>
    <message>
        <source>Remember recent searches</source>
        <translation>记住最近的搜索</translation>
    </message>
    <message>
        <source>The search field offers your last searches again. They are kept in this profile only.</source>
        <translation>搜索框会再次提供您最近的搜索。它们只保存在此配置文件中。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The language of menus, buttons, messages and dates. A change takes effect the next time Liaison starts.</source>
        <translation>菜单、按钮、提示信息和日期使用的语言。更改将在下次启动 Liaison 时生效。</translation>
    </message>
    <message>
        <source>Where passwords are kept</source>
        <translation>密码保存位置</translation>
    </message>
    <message>
        <source>The system keyring when one works; otherwise an encrypted file, unlocked once per session by your primary password. Passwords are never stored unencrypted.</source>
        <translation>系统密钥环可用时使用系统密钥环；否则使用加密文件，每次会话用主密码解锁一次。密码从不以明文保存。</translation>
    </message>
    <message>
        <source>Automatic: the system keyring, or the encrypted file when there is none</source>
        <translation>自动：系统密钥环，没有时使用加密文件</translation>
    </message>
    <message>
        <source>The system keyring only</source>
        <translation>仅系统密钥环</translation>
    </message>
    <message>
        <source>The encrypted file (primary password)</source>
        <translation>加密文件（主密码）</translation>
    </message>
    <message>
        <source>Encrypt the profile</source>
        <translation>加密配置文件</translation>
    </message>
    <message>
        <source>Keeps your mail, customers and search index encrypted on this computer (AES-256), under a key kept where your passwords are. A profile that is not encrypted yet is converted the next time Liaison starts.</source>
        <translation>在本机上以加密形式（AES-256）保存您的邮件、客户资料和搜索索引，密钥与您的密码保存在同一处。尚未加密的配置文件会在下次启动 Liaison 时转换。</translation>
    </message>
</context>
</TS>
