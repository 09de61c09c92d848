"""`threads`: an account's conversations (JWZ threading with the subject fallback)."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from app.cli.message_commands import one_account
from app.store.mail_queries import find_folder
from app.mail.reading.conversation_threads import account_conversations
from app.store.threads import message_locations


def _iso(stamp: int) -> str:
    return datetime.fromtimestamp(stamp, timezone.utc).isoformat()


def run(args, store) -> int:
    account = one_account(store, args.account)
    folder = find_folder(store, account.id, args.folder) if args.folder else None
    details = message_locations(store, account.id)
    for conversation in account_conversations(store, account.id):
        if folder is not None and not any(details[i.key][0] == folder.name for i in conversation.items):
            continue
        messages = []
        for item in conversation.items:
            folder_name, uid, from_name, from_addr, message_id = details[item.key]
            parent = conversation.parents.get(item.key)
            messages.append({
                "folder": folder_name, "uid": uid, "message_id": message_id,
                "parent_message_id": details[parent][4] if parent is not None else None,
                "from": {"name": from_name, "address": from_addr},
                "subject": item.subject, "date": _iso(item.date)})
        record = {"thread": conversation.key, "subject": conversation.items[0].subject,
                  "count": len(messages), "latest": _iso(conversation.latest.date), "messages": messages}
        if args.json:
            print(json.dumps(record, ensure_ascii=False))
        else:
            print(f"{record['latest'][:16].replace('T', ' ')}  ({record['count']})  {record['subject']}")
            for message in messages:
                sender = message["from"]["name"] or message["from"]["address"]
                print(f"    {message['date'][:16].replace('T', ' ')}  {message['folder']}/{message['uid']}  {sender}")
    return 0
