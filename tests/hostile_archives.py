"""Small X archives built in a temporary folder, for the tests of hostile input: a thread of two
posts with a photo each, and whatever links, manifest or zip entries a test adds."""

from __future__ import annotations

import json
from pathlib import Path

OWNER_ID = "4242"
FIRST, SECOND = "1700000000000000001", "1700000000000000002"


def tweet(tweet_id: str, text: str, reply_to: str | None = None, photo: str = "") -> dict:
    record: dict = {
        "id_str": tweet_id,
        "id": tweet_id,
        "full_text": text,
        "created_at": "Tue Feb 20 10:30:00 +0000 2024",
        "entities": {"urls": []},
    }
    if reply_to:
        record.update(
            in_reply_to_status_id_str=reply_to,
            in_reply_to_user_id_str=OWNER_ID,
            in_reply_to_screen_name="owner",
        )
    if photo:
        short = f"https://t.co/{photo}"
        record["full_text"] = f"{text} {short}"
        record["extended_entities"] = {
            "media": [
                {
                    "type": "photo",
                    "url": short,
                    "media_url_https": f"https://pbs.twimg.com/media/{photo}.jpg",
                }
            ]
        }
    return {"tweet": record}


def js(name: str, value: object) -> bytes:
    return f"window.YTD.{name}.part0 = {json.dumps(value, indent=1)}".encode()


def thread_records() -> list[dict]:
    return [
        tweet(FIRST, "The first post of the thread", photo="PhotoOne"),
        tweet(SECOND, "and the second one.", reply_to=FIRST, photo="PhotoTwo"),
    ]


def account_records() -> list[dict]:
    return [{"account": {"accountId": OWNER_ID, "username": "owner", "accountDisplayName": "O"}}]


def make_archive_folder(root: Path, *, media: bool = True) -> Path:
    """`root/data/{tweets.js, account.js, tweets_media/…}`; returns `root`."""
    data = root / "data"
    data.mkdir(parents=True)
    (data / "tweets.js").write_bytes(js("tweets", thread_records()))
    (data / "account.js").write_bytes(js("account", account_records()))
    if media:
        (data / "tweets_media").mkdir()
        (data / "tweets_media" / f"{FIRST}-PhotoOne.jpg").write_bytes(b"inside one")
        (data / "tweets_media" / f"{SECOND}-PhotoTwo.jpg").write_bytes(b"inside two")
    return root


def manifest(media_directory: str = "data/tweets_media", tweets_file: str = "data/tweets.js"):
    return (
        "window.__THAR_CONFIG = "
        + json.dumps(
            {
                "userInfo": {"accountId": OWNER_ID, "userName": "owner", "displayName": "O"},
                "dataTypes": {
                    "tweets": {
                        "mediaDirectory": media_directory,
                        "files": [{"fileName": tweets_file}],
                    },
                    "account": {"files": [{"fileName": "data/account.js"}]},
                },
            }
        )
    ).encode()
