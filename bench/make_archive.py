"""Generate a synthetic X/Twitter account archive for the benchmark.

    python bench/make_archive.py --tweets 100000 --out bench/.data/archive-100k

The records copy the shape of real exports (shared/realdata/twitter-archive, docs/formats.md §3):
pretty-printed `window.YTD.tweets.part0 = [ … ]` with `" : "` separators, every number a string,
`edit_info`, entities with string indices. The mix is what a long-lived account holds: threads of
2–40 posts in several numbering styles, replies to other accounts, retweets, quotes, photos and
videos (with files in `tweets_media/`), links, note tweets (truncated in tweets.js, whole in
note-tweet.js) and edited tweets (several versions sharing `editTweetIds`).

Everything is derived from `--seed`, so the same arguments give the same bytes.
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

OWNER_ID = "1234567890123456789"
OWNER_HANDLE = "bench_writer"
OTHERS = [(str(900000000 + n), f"friend_{n}") for n in range(50)]
START = datetime(2019, 1, 1, tzinfo=UTC)
FIRST_ID = 1100000000000000000

WORDS = (
    "data pipeline archive thread article reader writer python parser benchmark memory speed index "
    "media link quote note edit reply the a of to and in is it that for on with as was at by this "
    "we you they be are from or have an not but what all were when there can more if out so up "
    "said about than into them only some time could would make like over such our also after "
    "first well way even new want because any these give day most us über café naïve 東京 データ"
).split()
NUMBERING = ["slash", "slash_total", "paren", "bracket", "thread_emoji", "none"]


def tweet_time(moment: datetime) -> str:
    return moment.strftime("%a %b %d %H:%M:%S +0000 %Y")


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + rng.choice([".", ".", ".", "!", "?", ",", ""])


class Generator:
    def __init__(self, seed: int, media_dir: Path) -> None:
        self.rng = random.Random(seed)
        self.next_id = FIRST_ID
        self.moment = START
        self.records: list[dict] = []
        self.notes: list[dict] = []
        self.media_dir = media_dir
        self.media_files = 0
        self.tco = 0

    def new_id(self) -> str:
        self.next_id += self.rng.randint(10_000, 10_000_000)
        return str(self.next_id)

    def short(self) -> str:
        self.tco += 1
        return f"https://t.co/{self.tco:010d}"

    def advance(self, seconds: int) -> None:
        self.moment += timedelta(seconds=seconds)

    def base(self, tweet_id: str, text: str, **extra) -> dict:
        tweet = {
            "edit_info": {
                "initial": {
                    "editTweetIds": [tweet_id],
                    "editableUntil": (self.moment + timedelta(hours=1)).strftime(
                        "%Y-%m-%dT%H:%M:%S.000Z"
                    ),
                    "editsRemaining": "5",
                    "isEditEligible": False,
                }
            },
            "retweeted": False,
            "source": '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
            "entities": {"hashtags": [], "symbols": [], "user_mentions": [], "urls": []},
            "display_text_range": ["0", str(len(text))],
            "favorite_count": str(self.rng.randint(0, 500)),
            "id_str": tweet_id,
            "truncated": False,
            "retweet_count": str(self.rng.randint(0, 50)),
            "id": tweet_id,
            "possibly_sensitive": False,
            "created_at": tweet_time(self.moment),
            "favorited": False,
            "full_text": text,
            "lang": "en",
        }
        tweet.update(extra)
        return tweet

    def add_url(self, tweet: dict, expanded: str) -> str:
        short = self.short()
        start = len(tweet["full_text"]) + 1
        tweet["full_text"] += " " + short
        tweet["entities"]["urls"].append(
            {
                "url": short,
                "expanded_url": expanded,
                "display_url": expanded.split("://", 1)[1][:26] + "…",
                "indices": [str(start), str(start + 23)],
            }
        )
        return short

    def add_media(self, tweet: dict, video: bool) -> None:
        short = self.short()
        start = len(tweet["full_text"]) + 1
        tweet["full_text"] += " " + short
        key = f"G{self.rng.getrandbits(48):012x}"
        media_id = self.new_id()
        item = {
            "expanded_url": f"https://x.com/{OWNER_HANDLE}/status/{tweet['id_str']}/{'video' if video else 'photo'}/1",
            "indices": [str(start), str(start + 23)],
            "url": short,
            "media_url": f"http://pbs.twimg.com/media/{key}.jpg",
            "id_str": media_id,
            "id": media_id,
            "media_url_https": f"https://pbs.twimg.com/media/{key}.jpg",
            "sizes": {
                "large": {"w": "1200", "h": "800", "resize": "fit"},
                "thumb": {"w": "150", "h": "150", "resize": "crop"},
            },
            "type": "photo",
            "display_url": "pic.x.com/" + key[:10],
        }
        tweet["entities"]["media"] = [dict(item)]
        extended = dict(item)
        file_name = f"{key}.jpg"
        if video:
            extended["type"] = "video"
            extended["video_info"] = {
                "aspect_ratio": ["16", "9"],
                "duration_millis": "12000",
                "variants": [
                    {
                        "bitrate": "256000",
                        "content_type": "video/mp4",
                        "url": f"https://video.twimg.com/ext_tw_video/{media_id}/pu/vid/480x270/{key}.mp4?tag=12",
                    },
                    {
                        "bitrate": "2176000",
                        "content_type": "video/mp4",
                        "url": f"https://video.twimg.com/ext_tw_video/{media_id}/pu/vid/1280x720/{key}.mp4?tag=12",
                    },
                    {
                        "content_type": "application/x-mpegURL",
                        "url": f"https://video.twimg.com/ext_tw_video/{media_id}/pu/pl/{key}.m3u8?tag=12",
                    },
                ],
            }
            file_name = f"{key}.mp4"
        tweet["extended_entities"] = {"media": [extended]}
        (self.media_dir / f"{tweet['id_str']}-{file_name}").write_bytes(
            b"\xff\xd8synthetic " + key.encode()
        )
        self.media_files += 1

    def reply_fields(self, parent_id: str, user_id: str, handle: str) -> dict:
        return {
            "in_reply_to_status_id_str": parent_id,
            "in_reply_to_status_id": parent_id,
            "in_reply_to_user_id": user_id,
            "in_reply_to_user_id_str": user_id,
            "in_reply_to_screen_name": handle,
        }

    def emit(self, tweet: dict) -> None:
        self.records.append({"tweet": tweet})

    # -- shapes ------------------------------------------------------------------------------
    def thread(self) -> int:
        rng = self.rng
        length = min(40, max(2, int(rng.paretovariate(1.3)) + 1))
        style = rng.choice(NUMBERING)
        parent = None
        for number in range(1, length + 1):
            body = " ".join(sentence(rng, rng.randint(6, 16)) for _ in range(rng.randint(1, 3)))
            marker = {
                "slash": f"{number}/ ",
                "slash_total": f"{number}/{length} ",
                "paren": f"({number}/{length}) ",
                "bracket": f"[{number}/n] ",
                "thread_emoji": "🧵 " if number == 1 else "",
                "none": "",
            }[style]
            tweet_id = self.new_id()
            extra = self.reply_fields(parent, OWNER_ID, OWNER_HANDLE) if parent else {}
            if number == length and rng.random() < 0.2:
                # A mid-sentence cut into the next post, the reassembler's daily bread.
                body = body.rstrip(".!?,") + " and then"
            tweet = self.base(tweet_id, (marker + body).replace("&", "&amp;"), **extra)
            roll = rng.random()
            if roll < 0.12:
                self.add_media(tweet, video=rng.random() < 0.15)
            elif roll < 0.25:
                self.add_url(tweet, f"https://example.org/posts/{rng.randint(1, 10**6)}")
            elif roll < 0.29:
                other_id, other = rng.choice(OTHERS)
                self.add_url(tweet, f"https://twitter.com/{other}/status/{self.new_id()}")
            elif roll < 0.35:
                tweet = self.note_tweet(tweet, marker)
            if rng.random() < 0.03:
                self.edited(tweet)
            else:
                self.emit(tweet)
            parent = tweet_id
            self.advance(rng.randint(2, 90))
        return length

    def note_tweet(self, tweet: dict, marker: str) -> dict:
        rng = self.rng
        full = marker + "\n\n".join(
            " ".join(sentence(rng, rng.randint(10, 20)) for _ in range(3))
            for _ in range(rng.randint(2, 4))
        )
        shown = full[:270].rsplit(" ", 1)[0] + "…"
        tweet["full_text"] = shown
        tweet["display_text_range"] = ["0", str(len(shown))]
        note_id = str(int(tweet["id_str"]) - rng.randint(1000, 90000))
        stamp = self.moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")
        self.notes.append(
            {
                "noteTweet": {
                    "noteTweetId": note_id,
                    "updatedAt": stamp,
                    "lifecycle": {
                        "value": "1",
                        "name": "Active",
                        "originalName": "Active",
                        "annotations": {},
                    },
                    "createdAt": stamp,
                    "core": {
                        "styletags": [],
                        "urls": [],
                        "text": full,
                        "mentions": [],
                        "cashtags": [],
                        "hashtags": [],
                    },
                }
            }
        )
        return tweet

    def edited(self, tweet: dict) -> None:
        """Two versions: the first as written, the second (higher id) with a fix."""
        first_id = tweet["id_str"]
        second_id = str(int(first_id) + self.rng.randint(1000, 9000))
        ids = [first_id, second_id]
        tweet["edit_info"]["initial"]["editTweetIds"] = ids
        self.emit(tweet)
        second = json.loads(json.dumps(tweet))
        second["id_str"] = second["id"] = second_id
        second["full_text"] = tweet["full_text"] + " (edited)"
        second["edit_info"] = {
            "edit": {
                "initialTweetId": first_id,
                "editControlInitial": dict(tweet["edit_info"]["initial"]),
            }
        }
        self.emit(second)

    def reply_to_other(self) -> None:
        other_id, other = self.rng.choice(OTHERS)
        text = f"@{other} " + sentence(self.rng, self.rng.randint(4, 20))
        tweet = self.base(
            self.new_id(),
            text,
            **self.reply_fields(str(FIRST_ID - self.rng.randint(1, 10**9)), other_id, other),
        )
        tweet["entities"]["user_mentions"].append(
            {
                "name": other.title(),
                "screen_name": other,
                "indices": ["0", str(len(other) + 1)],
                "id_str": other_id,
                "id": other_id,
            }
        )
        self.emit(tweet)

    def retweet(self) -> None:
        other_id, other = self.rng.choice(OTHERS)
        text = f"RT @{other}: " + sentence(self.rng, 24)
        text = text[:139] + "…" if len(text) > 140 else text
        self.emit(self.base(self.new_id(), text))

    def single(self) -> None:
        tweet = self.base(self.new_id(), sentence(self.rng, self.rng.randint(5, 30)))
        roll = self.rng.random()
        if roll < 0.15:
            self.add_media(tweet, video=False)
        elif roll < 0.3:
            self.add_url(tweet, f"https://blog.example.com/{self.rng.randint(1, 10**6)}")
        elif roll < 0.36:
            other_id, other = self.rng.choice(OTHERS)
            self.add_url(tweet, f"https://x.com/{other}/status/{self.new_id()}")
        self.emit(tweet)

    def generate(self, total: int) -> None:
        while len(self.records) < total:
            roll = self.rng.random()
            if roll < 0.18:
                self.thread()
            elif roll < 0.50:
                self.reply_to_other()
            elif roll < 0.62:
                self.retweet()
            else:
                self.single()
            self.advance(self.rng.randint(60, 20000))
        del self.records[total:]
        # Archives are not in chronological order; newest first is common.
        self.records.reverse()


def write_js(path: Path, name: str, records: list[dict]) -> None:
    """Pretty-printed like X's exporter: `[`, 2-space records, ` : ` separators."""
    with open(path, "w", encoding="utf-8") as out:
        out.write(f"window.YTD.{name}.part0 = [")
        for index, record in enumerate(records):
            body = json.dumps(record, ensure_ascii=False, indent=2, separators=(",", " : "))
            out.write(("\n  " if index == 0 else ",\n  ") + body.replace("\n", "\n  "))
        out.write("\n]" if records else " ]")


def make_archive(out_dir: Path, tweets: int, seed: int = 1) -> dict:
    data = out_dir / "data"
    media = data / "tweets_media"
    media.mkdir(parents=True, exist_ok=True)
    generator = Generator(seed, media)
    generator.generate(tweets)
    write_js(data / "tweets.js", "tweets", generator.records)
    write_js(data / "note-tweet.js", "note_tweet", generator.notes)
    account = [
        {
            "account": {
                "username": OWNER_HANDLE,
                "accountId": OWNER_ID,
                "accountDisplayName": "Bench Writer",
                "createdVia": "web",
            }
        }
    ]
    write_js(data / "account.js", "account", account)
    return {
        "tweets": len(generator.records),
        "notes": len(generator.notes),
        "media_files": generator.media_files,
        "bytes": (data / "tweets.js").stat().st_size,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tweets", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    print(make_archive(args.out, args.tweets, args.seed))


if __name__ == "__main__":
    main()
