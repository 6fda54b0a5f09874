#!/usr/bin/env python3
"""Synthetic exports for the import rows of `make bench` (bench/bench.py).

    bench/make-exports.py csv ROWS OUT      a generic CSV with an id column
    bench/make-exports.py jira ROWS OUT     the same rows under Jira's column
                                            names, each issue in one of 200
                                            sprints
    bench/make-exports.py trello BYTES OUT  a Trello board JSON of about BYTES

Deterministic (a fixed seed), Python standard library only.  The shapes
are those of the real exports under tests/fixtures/import/real/: a
Trello board has lists, cards (id, name, desc, idList, pos, closed,
labels, idMembers, due, shortUrl, dateLastActivity), checklists and
createCard/commentCard actions; the CSV has an id column and the
docket columns of tests/fixtures/import/generic.csv, about 230 bytes a
row.
"""
import json
import random
import sys

WORDS = ("launch video email banner webinar landing page copy social ads "
         "retargeting newsletter partner event booth survey pricing brand "
         "case study blog post press release onboarding nurture").split()
STATUSES = ["idea", "ready", "doing", "done", "stopped", "To Do", "In Progress"]


def text(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def make_csv(rows, out, jira=False):
    rng = random.Random(18)
    with open(out, "w", encoding="utf-8", newline="") as f:
        if jira:
            f.write("Issue key,Summary,Status,Issue Type,Story Points,customer_value,"
                    "business_value,Labels,Created,Description,Assignee,Sprint\n")
        else:
            f.write("id,title,status,type,effort,customer_value,business_value,tags,"
                    "created,description,owner\n")
        for i in range(1, rows + 1):
            f.write(f"R{i},{text(rng, 5).capitalize()},{rng.choice(STATUSES)},bau,"
                    f"{rng.randint(1, 8)},{rng.randint(1, 10)},{rng.randint(1, 10)},"
                    f"{rng.choice(WORDS)}; {rng.choice(WORDS)},"
                    f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d},"
                    f"\"{text(rng, 20)}\",Sam"
                    + (f",Sprint {i * 200 // (rows + 1) + 1}\n" if jira else "\n"))


def make_trello(nbytes, out):
    rng = random.Random(18)
    lists = [{"id": f"{i:024x}", "name": n, "closed": False, "pos": 1024 * (i + 1)}
             for i, n in enumerate(["Backlog", "To Do", "In Progress", "Done"])]
    members = [{"id": f"{0xabc000 + i:024x}", "fullName": f"Member {i}"} for i in range(10)]
    labels = [{"id": f"{0xdef000 + i:024x}", "name": w, "color": "green"}
              for i, w in enumerate(WORDS[:8])]
    cards, checklists, actions = [], [], []
    size, i = 0, 0
    while size < nbytes:
        cid = f"{0x5c000000 + i:024x}"
        card = {"id": cid, "name": text(rng, 6).capitalize(), "desc": text(rng, 60),
                "idList": rng.choice(lists)["id"], "pos": 16384 * (i + 1),
                "closed": rng.random() < 0.1,
                "labels": rng.sample(labels, 2), "idMembers": [rng.choice(members)["id"]],
                "due": None if rng.random() < 0.8 else "2026-12-01T12:00:00.000Z",
                "shortUrl": f"https://trello.com/c/{i:08d}",
                "dateLastActivity": "2026-11-30T10:00:00.000Z",
                "badges": {"comments": 1, "attachments": 0}}
        cards.append(card)
        if i % 10 == 0:
            checklists.append({"id": f"{0x7c000000 + i:024x}", "idCard": cid, "name": "Steps",
                               "pos": 1, "checkItems": [
                                   {"id": f"{0x8c000000 + i * 4 + k:024x}", "name": text(rng, 4),
                                    "state": "complete" if k % 2 else "incomplete", "pos": k}
                                   for k in range(4)]})
        actions.append({"id": f"{0x9c000000 + i:024x}", "type": "createCard",
                        "date": "2026-11-01T09:00:00.000Z", "data": {"card": {"id": cid}}})
        actions.append({"id": f"{0xac000000 + i:024x}", "type": "commentCard",
                        "date": "2026-11-02T09:00:00.000Z",
                        "data": {"card": {"id": cid}, "text": text(rng, 15)}})
        size += 1340
        i += 1
    board = {"id": "b" * 24, "name": "Bench board", "lists": lists, "cards": cards,
             "members": members, "labels": labels, "checklists": checklists,
             "actions": actions}
    with open(out, "w", encoding="utf-8") as f:
        json.dump(board, f, separators=(",", ":"))


if __name__ == "__main__":
    kind, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    if kind == "trello":
        make_trello(n, out)
    else:
        make_csv(n, out, jira=kind == "jira")
