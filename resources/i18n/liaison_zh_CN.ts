<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AccountControls</name>
    <message>
        <source>Mark All as Read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync This Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove Account…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As mail arrives (push)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every 5 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every 15 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every 30 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only when I ask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %1 from Liaison? Its mail stays on the server; the copy on this computer and the saved password are deleted.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccountSetupDialog</name>
    <message>
        <source>Add Mail Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown to the people you write to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>you@example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incoming (IMAP):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outgoing (SMTP):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For example: Work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only if your company uses its own certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate authority:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate Authority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SSL/TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (unencrypted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your full email address, like name@example.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your password or authorisation code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking up the settings for %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings for %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings published by your mail domain (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your domain&apos;s mail is hosted by %2; using its settings (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No settings were found for this address. Enter your server&apos;s settings; the ones below are common names, check them with your mail administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test and Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logging in to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong inside Liaison (%1); the details are in the log.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActivityDialog</name>
    <message>
        <source>Log Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log Meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmed the delivery date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visit to see the samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Names, separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttachmentList</name>
    <message>
        <source>The name contains characters that reverse its direction.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Padding in the name hides its real end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name has two extensions; the last one counts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a program: it runs code when opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The content is really %1, not what the name says.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save All…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Attachment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save All Attachments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Liaison does not open this file because it could run code or hides what it is:
%1

Save it and check it before opening it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompanyPanel</name>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mail with these domains lands on the company&apos;s timeline (separate several with commas)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Industry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Domains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Contact…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new person at this company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Deal…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new deal with this company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing yet: mail with the company&apos;s domains, and notes, calls and tasks, appear here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n (person/people)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open deal(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>For %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ComposeLauncher</name>
    <message>
        <source>There are no saved drafts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message is not stored yet; sync first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>New Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Names or addresses, separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is it about?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write your message. The buttons above format it: bold, lists, links, tables, pictures.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a template…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill the subject and text from a template, for the first recipient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Templates…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create, edit and preview templates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bcc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Cc recipients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Bcc recipients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show how the message will look</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Enter sends · Esc closes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is sample data, so sending is off. You can write and your draft is kept on this computer; add your own mail account to send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending is off in sample data: add your own mail account to send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown in the text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The attachments total %1; many mail servers refuse more than 20 MB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No templates yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the recipient first: a template is filled in from their contact record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filled in for %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft saved at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft saved here and in the server&apos;s Drafts at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft saved on this computer; the server could not be reached for its Drafts copy. Trying again shortly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft saved on this computer; the server refused the password, so its Drafts copy waits until you sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft saved on this computer; the server did not take its Drafts copy. Trying again shortly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft saved on this computer; copying it to the server failed. Trying again shortly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a recipient first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep this draft?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A kept draft is in Drafts; open it again with Message → Open Draft…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>Conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You and a colleague changed the same field before either of you saw the other&apos;s change. The later change was kept; nothing was lost. Keep the other value if it is the right one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other value by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No conflicts: every change reached the team as it was made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the Other Value</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <source>New Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>张伟 or Anna Schmidt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name@company.com; several separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+86 138 1234 5678</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A company you have, or a new one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purchasing manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Liaison — Something Went Wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Liaison ran into a bug and could not finish what it was doing. What was already saved is safe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please send the report to whoever looks after Liaison for you: “Copy Report” puts it on the clipboard. Passwords are removed from it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last lines of the log (%1):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report is on the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n more error(s) happened since; they are in the log.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CustomerPanel</name>
    <message>
        <source>Open deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlink Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This message is not about this customer: remove it from the timeline, for good</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link to Deal…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this message on one of the customer&apos;s deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write an email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the team conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ignore Sender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave this address out of Unknown Senders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the contact&apos;s details to edit them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>private</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the team can read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the team can edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner: %1 · team %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n conflict(s) with a colleague · Review…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Give to a Colleague</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The colleague&apos;s email address (the team server&apos;s sign-in):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already a customer of %1 (team %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People on this message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>teammate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a contact yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teammate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One of your accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colleague at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal address (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>linked: %1 is the sender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>linked: %1 is a recipient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>linked: %1 is in Cc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>linked: %1 is the company&apos;s domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>linked through the contact&apos;s company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>linked by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unlinked by hand (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is free mail: it says nothing about a company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>automatic mail (%1): never creates anything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing yet: mail, notes, calls, meetings and tasks with this customer appear here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent mail with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other mail with this person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mail with this person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No other mail with this address yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link to Deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deal:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomersView</name>
    <message>
        <source>Filter by name, address or company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Contact…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import contacts from a CSV or vCard file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mail Merge…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write to the selected contacts from a template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Domains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Companies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make contacts of the selected senders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the selected senders out of this list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown Senders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a contact or a company</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The first %n are shown; filter to find others.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n contact(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n compan(y/ies)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unknown sender(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Create Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Task…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Note…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Deal…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge With…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Contact at This Company…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n contact(s) imported.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Contact %1 deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company %1 deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select the contacts to write to first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add an account first: mail merge sends from it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make a template first (Message → Templates).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mail Merge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Template:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) queued, one every 2 seconds.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n contact(s) (was/were) not written to:</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DealCard</name>
    <message>
        <source>Expected close: {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner: {owner}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lost: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DealDialog</name>
    <message>
        <source>Deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deal title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Won</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No expected close date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name or email address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who looks after it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why was it lost?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deal: {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added {created} · changed {changed}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new company “{name}” will be added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No contact is called “{name}”: choose one from the list or type an address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A deal needs a title.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{text}” is not an amount: use digits, like 12000 or 12,000.50.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{text}” is not a currency code: use three letters, like CNY, USD or EUR.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the currency of the amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No contact has the address {address}: add the contact first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say why the deal was lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring version {number} discards the changes you have not saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DealTabs</name>
    <message>
        <source>Write a note about this deal…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click to open the message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No notes yet. What was agreed, what the customer asked for: write it above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No mail is linked to this deal yet. Link a message from the customer panel beside the reader.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mail ({count})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DealsView</name>
    <message>
        <source>New Deal…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No deals yet. New Deal… adds one; you can also start one from a contact or a company.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n open deal(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>{deals} · {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark Won</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark Lost…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorPresenter</name>
    <message>
        <source>Liaison</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FieldEditor</name>
    <message>
        <source>Set by your administrator; it cannot be changed here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FieldNames</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email addresses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Domains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Industry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choices</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FolderPicker</name>
    <message>
        <source>Move to Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type to filter folders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FolderTree</name>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A CSV file (from Excel, Outlook, Gmail or another CRM) or a vCard file (.vcf, from a phone). Every row is checked first; nothing is written until you press Import, and a file with any problem imports nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose File…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts (*.csv *.vcf *.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) found: fix them in the file and choose it again. Nothing was imported.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The file has no contacts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n contact(s) ready to import. New: %1 · Updated: %2</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Columns: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ListEditor</name>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LostReasonDialog</name>
    <message>
        <source>Mark as Lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why was it lost?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why was “{title}” lost?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Liaison</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are exploring sample data: these customers and messages are made up, and nothing is sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave Sample Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Liaison — sample data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No messages in this folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No more unread messages in this folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remind me if nobody replies within how many days?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>A task will appear if nobody replies within %n day(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>About Liaison</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Liaison %1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mail and customers side by side, for sales teams.

Qt %1 · Python %2
Profile: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: up to date (last sync %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: offline — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: sync failed — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the server did not accept the password — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: indexing for search (%3 of %4 messages)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: syncing %2 (%3 of %4 new messages)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MarkdownToolbar</name>
    <message>
        <source>Bold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bold (Ctrl+B)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Italic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Italic (Ctrl+I)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bulleted List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bulleted list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Numbered List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Numbered list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link (Ctrl+K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Table…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Picture in the text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address (web page or e-mail):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Picture in the Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pictures (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Merge Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the contact that is the same person as %1. Its addresses, phones, notes, calls, tasks, deals and mail move to the contact kept; nothing is lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by name, address or company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the other contact&apos;s details where both have one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageActions</name>
    <message>
        <source>Mark as &amp;Read/Unread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Flag/Unflag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Move to Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo Delete/Move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep &amp;Private (Not Shared with the Team)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The move is still being sent to the server; try Undo again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageListModel</name>
    <message>
        <source>(no subject)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no recipient)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>New Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What should you remember about this customer?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OutboxDialog</name>
    <message>
        <source>Outbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send Again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not confirmed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PasswordPrompt</name>
    <message>
        <source>Sign In to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Liaison needs the authorisation code of %1 &lt;%2&gt; to sync it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Liaison needs an app password for %1 &lt;%2&gt; to sync it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Liaison needs the password of %1 &lt;%2&gt; to sync it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authorisation code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No password is stored for this account yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the sign-in. It said: “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the sign-in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If your provider uses app passwords or authorisation codes, enter one of those instead of the password you use on the web.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving in the system keyring…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password could not be saved: Liaison ran into a bug.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PersonRowWidget</name>
    <message>
        <source>Open %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Providers</name>
    <message>
        <source>139 Mail may need an authorisation code: in the web mailbox open Settings → Client settings (客户端设置), switch on IMAP/SMTP and create one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask your mail administrator to allow IMAP for your mailbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask your mail administrator to allow IMAP/SMTP for your mailbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask your mail administrator to allow IMAP/SMTP, or switch it on in Exmail on the web under Settings → Client settings (客户端设置).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google needs an app password, not your Google password: turn on 2-Step Verification, then create one at https://myaccount.google.com/apppasswords.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In 139 Mail on the web open Settings → Client settings and switch on IMAP.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In Aliyun Mail on the web open Settings → POP3/SMTP/IMAP and switch on IMAP/SMTP.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In Gmail on the web open Settings → Forwarding and POP/IMAP and enable IMAP.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In Outlook on the web open Settings → Mail → Forwarding and IMAP and allow IMAP.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In Sina Mail on the web open Settings → Client POP/IMAP/SMTP and switch on IMAP.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In Sohu Mail on the web open Settings → POP3/SMTP/IMAP and switch on IMAP.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In Zoho Mail open Settings → Mail Accounts → IMAP and enable IMAP access.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microsoft has turned off password sign-in for most Outlook.com and Microsoft 365 mailboxes; it works only where your administrator still allows app passwords (account.microsoft.com → Security).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NetEase mail needs an authorisation code (授权码), not your web password: in the web mailbox open Settings → POP3/SMTP/IMAP, switch on IMAP/SMTP and create an authorisation code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QQ Mail needs an authorisation code (授权码), not your QQ password: in QQ Mail on the web open Settings → Account → POP3/IMAP/SMTP service, switch on IMAP/SMTP and generate an authorisation code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sina Mail needs an authorisation code (授权码): in the web mailbox open Settings → Client POP/IMAP/SMTP, switch on IMAP and create one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sohu Mail needs its separate client password (独立密码): in the web mailbox open Settings → POP3/SMTP/IMAP, switch on the service and set it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tencent Exmail may need a client-specific password when secure login is on: in Exmail on the web open Settings → Account → Client-specific password (客户端专用密码).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With two-factor sign-in on, Zoho needs an application-specific password: My Account → Security → App Passwords.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yahoo needs an app password: open Account info → Account security → Generate app password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iCloud needs an app-specific password: sign in at https://account.apple.com → Sign-In and Security → App-Specific Passwords.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReaderPane</name>
    <message>
        <source>Load for this message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a message to read it here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) in this conversation</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>To: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cc: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The body of this message is not stored yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>To protect your privacy, %n remote image(s) or style(s) were not loaded.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Always for this sender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Always load remote content in mail from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suspicious link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The link text shows %1, but the link goes to:

%2

Open it anyway?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message Source</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordHistoryDialog</name>
    <message>
        <source>History: {name}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordHistoryView</name>
    <message>
        <source>Restore This Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bring every field back to how it was in this version; the team gets it at the next sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the history…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every version from every device, from the team server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not on the team server yet: the history on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team server cannot be reached: only the history on this computer is shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team server no longer accepts this computer: only the history on this computer is shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team server did not give this record&apos;s history ({reason}): only the history on this computer is shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version {number} · {when} · {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version {number} · {when} · not sent to the team yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>merged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>erased</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from the team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version {number} · {when} · {origin}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On another device ({id})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revision {revision} on the team server, sent by {who} from device {device}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every value of this version lost a collision; restoring it brings them back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Industry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Domains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Won</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another contact merged into this one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erased</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deal added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deal deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deal brought back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact brought back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company brought back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brought back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field}: + {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field}: − {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field}: {old} → {new}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(lost in a collision, not applied)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordPanel</name>
    <message>
        <source>Note…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a note about this customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log a phone call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meeting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log a meeting: when, how long, who took part</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a task with a due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every version of this record, from every device; restore one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meeting deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task deleted.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordParts</name>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tomorrow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closes %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Won</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark as done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Reminders</name>
    <message>
        <source>Task due: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Liaison</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportsView</name>
    <message>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weighted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Won</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Won amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lost amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss reasons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days in stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deal id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Went on from the stage before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Of all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Median wait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>90% answered within</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mail sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mail received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pipeline by stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Funnel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forecast by close month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Won and lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stuck deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers not contacted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activity per week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colleague</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for a reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This quarter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stuck deals and customers not contacted: longer than this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting longer than:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <source>Search mail and customers (Ctrl+K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mail (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No messages match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the newest %1 are listed; add words or operators to narrow the search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call or meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No customer records match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent searches</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no mail account yet. Once you add one, its name, signature and schedule are set here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget Recent Searches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clears the search field&apos;s history now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rebuilding reads every stored message and customer record again. Use it when a search misses mail you know is there; searching keeps working meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rebuild Index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sample account has no server: it is never synced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent searches forgotten.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rebuilding the search index…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Indexed %1 of %n message(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The search index was rebuilt: %n message(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped. The messages not indexed yet are indexed at the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SharedMailDialog</name>
    <message>
        <source>(no subject)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the first words are shared: the message itself is in %1&apos;s mailbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1&apos;s team shares the text of mail filed on customers.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SharingButton</name>
    <message>
        <source>Sharing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who in the team sees this customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private (Only Me and My Manager)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Team Can Read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Team Can Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give to a Colleague…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StageColumn</name>
    <message>
        <source>Drop deals here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No deals</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StageEditor</name>
    <message>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move Down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New stage, e.g. Samples sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pipeline stages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The columns of the Deals board, in order. Moving a deal to a Won or Lost stage closes it that way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Stage “%1” still holds %n deal(s): move them to another stage first.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StageHeader</name>
    <message>
        <source>No value</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>{total}
Closed more than {days} days ago and not shown: %n deal(s). Search finds them.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{total} · %n older</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatusArea</name>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A server cannot be reached. What you do is kept and sent when the connection returns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outbox: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team: syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team: synced %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team: offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team: signed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team: not synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TableSizeDialog</name>
    <message>
        <source>Insert Table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows (below the header)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Columns</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskDialog</name>
    <message>
        <source>New Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the signed contract</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TeamPage</name>
    <message>
        <source>Sign in to your team&apos;s server to share customers with your colleagues. Your mail stays on this computer; customer records and their history sync with the team.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only for a server with a private certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer&apos;s name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA certificate file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in to %1 as %2 (team %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sync: %1 · %2 change(s) waiting · %3 conflict(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the server, your email and your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in. Customer records now sync with your team.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out. The records on this computer stay.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TemplateEditor</name>
    <message>
        <source>Edit Template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Quotation follow-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject; fields such as {{ company.name }} are filled in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dear {{ contact.first_name }}, …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put a field that is filled in for each recipient at the cursor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the template a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no field %1; use Insert Field to choose one that exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is already a template called %1; choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Templates</name>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You (the sender)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Industry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected close date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not one of your contacts; a template is filled in from a contact&apos;s record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That template no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no value for %2: fill it in on their record first, or change the template.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TemplatesDialog</name>
    <message>
        <source>Templates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a contact to see it filled in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No templates yet. New… makes one: a subject and a text with fields such as the contact&apos;s first name, filled in for each recipient.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete Template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the template “%1”? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not an e-mail address; choose a contact from the list.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>(no subject)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>automatic reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bounce</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shared by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task due %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n message(s)</source>
        <comment>conversation</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>you replied</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UndoBar</name>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{title}” was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WelcomePanel</name>
    <message>
        <source>Welcome to Liaison</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your mail and your customers side by side. Add your mail account to begin; Liaison finds the settings for QQ, 163, Exmail, Aliyun, Gmail, Outlook and many more. Or look around with sample mail first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Account…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explore Sample Data</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&amp;New Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Draft…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply &amp;All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Forward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Templates…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;Deal…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remind Me If No Reply…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add Account…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sync Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Outbox…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team &amp;Conflicts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group by &amp;Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Two-Line Rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message &amp;Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sender or Recipients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ubject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Newest or Z First</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next Unread Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Folders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Message List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Liaison</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync S&amp;chedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Me&amp;ssage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sort &amp;By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>&apos;{text}&apos; is not a currency code: use three letters, like CNY, USD or EUR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a deal needs a title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not an amount: use digits, like 12000 or 12,000.50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an amount cannot be negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is too large for an amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>choose the currency of the amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a deal status (open, won or lost)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no stage called &apos;{name}&apos; (stages: {names})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no stage &apos;{stage}&apos; in the pipeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no contact has the address {address}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no company is called {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A deal has no field &apos;{field}&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This deal was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A stage needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is already a stage called &apos;{name}&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not an outcome (open, won or lost).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage &apos;{name}&apos; still holds {count} deal(s): move them to another stage first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pipeline needs at least one stage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stage &apos;{name}&apos; no longer exists; open Settings again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a domain name (for example example.com).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not an email address (for example name@example.com).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a country code (two letters, e.g. CN, DE, SG).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a currency code (three letters, e.g. CNY, EUR, USD).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not one of: {choices}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is neither yes nor no (use true or false).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number must be between {low} and {high}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This setting holds text, not {value}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This setting holds a list, not {value}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This must fit on one line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no setting called &apos;{key}&apos; (settings show lists them).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{key}&apos; is set by your administrator and cannot be changed here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{key}&apos; is set for each account: say which account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{key}&apos; is the same for every account: leave out the account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no account with id {account_id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{kind}&apos; is not a call or a meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a duration cannot be negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a note, call, meeting or task belongs to a contact, a company or a deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a task needs a title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the note is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{target}&apos; is not a contact field (fields: {items}, custom.&lt;key&gt;, ignore).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No column was recognised as a name or an email address; map one with --map &quot;Column=email&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file has no column &apos;{column}&apos; (columns: {items}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is larger than 200 MB; split it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is not readable as CSV near line {line_num}: {exc}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is not readable as CSV: {exc}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{field_type}&apos; is not a field type ({items})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{key}&apos; is not a field key (lower-case letters, digits and _)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date (use 2026-11-24)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a real date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not one of: {items}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No contact with the address {email}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a company needs a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the domain {domain} already belongs to another company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no custom field &apos;{key}&apos; for a {record_type} (defined: {known})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{email} already belongs to the contact {contact}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the contact to keep and at least one other contact to merge into it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number of days must be at least 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This message has no Message-ID, so a reply to it cannot be recognised.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no version {number} (versions 1 to {count}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This message has no Message-ID, so a manual link could not be kept across re-syncs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: {email} has no value for {items}; fill it in first or change the template.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A {kind_name} has no field &apos;{field}&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No {kind_name} with id {record_uuid}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown record type &apos;{name}&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{value}&apos; has the wrong number of digits for a phone number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a phone number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the phone number is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file has no vCard in it (no BEGIN:VCARD line); nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No password is stored for {account}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mailbox refused the connection: IMAP may be switched off for it. {advice}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password was not accepted. {advice}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered with an error. {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not be reached. {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server wants an app password or authorisation code instead of your web password; create one in your mailbox&apos;s security settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s security certificate could not be verified, so your password was not sent. {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user name or password was not accepted. Check them; if your provider uses app passwords or authorisation codes, use one instead of the web password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No folder &apos;{only_folder}&apos; in {account_name} (folders: {names}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{folder}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No folder &apos;{role_or_name}&apos; in this account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That message is no longer stored, so the move cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused a change in {folder}: {reply}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account has no {role_or_name} folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsupported flag: {flag}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} change(s) made in {folder} could not reach the server: the folder no longer exists there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} change(s) made in {folder} could not reach the server: the server renumbered the folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} change(s) made in {folder} were given up after {attempts} refusals: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} message(s) could not be moved to {target}: that folder no longer exists on the server; they are back in {folder}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{host} does not support IDLE; polling instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A secure connection to {host}:{port} could not be set up ({reply}); check the port and the security setting (ssl, starttls).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not talk to {host}:{port}: {reply}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate of {host} could not be verified ({reply}). If your company uses its own certificate authority, give Liaison that authority&apos;s certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to {host}:{port} was lost ({reply}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server {host} refused a command: {reply}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server {host} was not found: check the host name and that you are online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{host} does not offer STARTTLS on port {port}; refusing to send the password unencrypted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{host} rejected the user name or password for {user} ({reply}). Some providers (QQ, 163, Gmail...) need an app password or authorisation code from the mailbox&apos;s web settings instead of the web password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{host}:{port} did not answer in time: the network may be down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{host}:{port} refused the connection: check the port number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{value}&apos; contains a space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{value}&apos; has more than one @</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{value}&apos; has no @ (an email address looks like name@example.com)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the domain of &apos;{value}&apos; is not valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the domain of &apos;{value}&apos; is not valid (it needs a dot, like example.com)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the email address is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the part before @ in &apos;{value}&apos; is not valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Liaison stopped while the server was receiving this message, and it is not in Sent: it may or may not have been delivered. Send it again only if the recipient did not get it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No outbox message with id {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The attachments are larger than {megabytes} MB; no mail server accepts that.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message has no recipient.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {name} contains a line break or a NUL character; it was not sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {what} {address} is not valid: {exc}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The SMTP server {host} did not accept the password ({reply}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate of {host} could not be verified ({reply}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to {host}:{port} failed: {reply}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the recipients: {recipients}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server {host} answered {reply_code}: {reply}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server {host} answered {reply_code}: {reply} (it will be tried again)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server {host}: {reply}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{address} ({reply_code} {reply})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{host}:{port} does not offer STARTTLS; the message was not sent in plaintext. Check the port and the security setting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A template needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No template called {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is already a template called {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown field(s) {fields}; fields are {known}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate authority file {path} could not be read ({reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate authority file {path} does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate authority file {path} holds no certificate Liaison can use: give a PEM file (text starting with -----BEGIN CERTIFICATE-----).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate authority file {path} is a folder, not a PEM file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile folder {path} is read-only; Liaison needs to write there. Make it writable, or choose another profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No secure password store is available, so Liaison cannot keep your password. On Linux install and unlock a Secret Service keyring (for example: sudo apt-get install gnome-keyring, then log in to a desktop session); Liaison never writes passwords to disk itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keyring did not answer within {seconds} seconds; unlock it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keyring refused the request: {reply}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another Liaison is already syncing {account}; this sync was skipped (the one running brings the same mail).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{email}&apos; is not an email address (expected name@example.com).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An account named &apos;{new_name}&apos; already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No account named &apos;{name}&apos; (accounts: {known}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync mode must be one of {items}, not &apos;{mode}&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {label} port must be between 1 and 65535, not {port}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {label} server name &apos;{host}&apos; contains a line break, space or other invisible character; type it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {label} server name is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label} security must be one of ssl, starttls, none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database is busy in another Liaison process; try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disk is full: free some space, then try again. Nothing was lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local database failed: {reply}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local database is damaged ({reply}). Restore the newest copy from the profile&apos;s &apos;backups&apos; folder, or remove the profile and sync again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local database is read-only; Liaison needs to write to its profile folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No folder &apos;{folder}&apos; (folders: {items}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No folders stored yet for this account: run &apos;liaison sync&apos; first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That message is no longer stored (it was removed on the server).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This profile ({profile}) was written by a newer version of Liaison (database schema {revision}). Install that version, or start this one with another profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is not a usable Liaison database ({reply}). Restore a copy from the profile&apos;s &apos;backups&apos; folder or choose another profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A change not sent to the team yet is already the record&apos;s value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No {type} with id {uuid} on this laptop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no version with revision {revision} of this record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This profile is not signed in to a team server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This record is not on the team server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown record type &apos;{type}&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version {number} is a change not sent to the team yet: it is already the record&apos;s value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the customer&apos;s owner, their manager or an admin may change its sharing ({reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharing is private, read or edit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer was not given to {email} ({reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record of conflict {id} is not on this laptop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team server is an address like https://liaison.example.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team server no longer accepts this device ({reply}); sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no conflict {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This profile is not signed in to a team server; run: liaison team login --server URL --email EMAIL --password-stdin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{reason} This laptop removed the team&apos;s records; {count} unsent changes were saved to {file}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team server refused: {reply}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team server {server} cannot be reached ({reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team server&apos;s certificate could not be verified ({reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This Liaison is too old for the team server; update it to keep syncing (nothing waiting is lost).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>list_dates</name>
    <message>
        <source>Yesterday</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>owner</name>
    <message>
        <source>Price too high</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Went with a competitor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No decision made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requirements not met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped answering</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>settings</name>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Won</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As soon as it arrives (push)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every 5 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every 15 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every 30 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only when I click Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>简体中文</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name people see beside your address in mail you send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Wang Fang</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added below new messages, after a “-- ” line. Markdown works here: **bold**, *italic*, [a link](https://example.com).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check for new mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Push keeps a connection open and shows new mail at once; the other choices check on a schedule.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load remote images and styles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A remote image works like a read receipt: loading it tells the sender when and where you opened the message. Each message still offers to load them, and mail from the senders you trust loads them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never automatically — no read receipts (recommended)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Always — senders can see when you read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Senders you trust</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mail from these addresses loads remote images by itself. A message from anyone else offers “Always for this sender”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free-mail domains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An address at one of these never names a company: someone writing from qq.com or gmail.com could work anywhere.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your company&apos;s domains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People at these domains are your colleagues, not customers. When the list is empty, the domains of your account addresses count, except free-mail domains.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Senders never suggested as customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left out of Unknown senders. “Ignore” in that list adds a sender here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Country of phone numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A phone number written without a country code is read as a number of this country. Two letters: CN, DE, SG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currency of new deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used when a new deal names no currency. Three letters: CNY, EUR, USD…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remember recent searches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The search field offers your last searches again. They are kept in this profile only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language of menus, buttons, messages and dates. A change takes effect the next time Liaison starts.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
