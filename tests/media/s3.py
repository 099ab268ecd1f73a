"""moto's S3 server for the tests: a real HTTP server on a free port, in this process."""

import uuid

import boto3
import environ
from moto.server import ThreadedMotoServer

KEYS = {"AWS_ACCESS_KEY_ID": "testing-key", "AWS_SECRET_ACCESS_KEY": "testing-secret"}


class S3Server:
    def __init__(self):
        self._server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)

    def start(self):
        self._server.start()
        self.url = f"http://127.0.0.1:{self._server._server.server_port}"
        self.client = boto3.client(
            "s3",
            endpoint_url=self.url,
            region_name="eu-west-2",
            aws_access_key_id=KEYS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=KEYS["AWS_SECRET_ACCESS_KEY"],
        )
        return self

    def stop(self):
        self._server.stop()

    def new_buckets(self):
        """A public and a private bucket of their own, empty."""
        stem = uuid.uuid4().hex[:12]
        public, private = f"media-{stem}", f"originals-{stem}"
        for bucket in (public, private):
            self.client.create_bucket(
                Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"}
            )
        return public, private

    def environment(self, public, private):
        """The environment an app server gets to keep its uploads in these buckets."""
        return {
            "MEDIA_STORAGE": "s3",
            "AWS_STORAGE_BUCKET_NAME": public,
            "AWS_ORIGINALS_BUCKET_NAME": private,
            "AWS_S3_ENDPOINT_URL": self.url,
            "AWS_S3_REGION_NAME": "eu-west-2",
            "AWS_S3_ADDRESSING_STYLE": "path",
            **KEYS,
        }

    def keys(self, bucket):
        listing = self.client.list_objects_v2(Bucket=bucket)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    def storages(self, public, private, monkeypatch):
        """settings.STORAGES' media part for these buckets, built as settings.py builds it."""
        from smarttherapy.settings import s3_media_storages

        for name, value in self.environment(public, private).items():
            monkeypatch.setenv(name, value)
        storages, _origins = s3_media_storages(environ.Env())
        return storages
