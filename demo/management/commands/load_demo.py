from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string

from core import changes
from demo import loading as demo_loading
from demo import scale as demo_scale


class Command(BaseCommand):
    help = (
        "Load the demo content: the catalogs, enterprises, products and events the seed letters "
        "state, plus clearly marked synthetic records. Idempotent: a second run changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            metavar="N",
            help=(
                "Also make sure N synthetic benchmark products exist (about 20 per synthetic "
                "enterprise, all marked as examples). Tops up: records from earlier runs count "
                "towards N, so repeating the same N adds nothing and a larger N adds the "
                "difference; a smaller N removes nothing."
            ),
        )

    def handle(self, *args, scale, **options):
        if scale < 0 or scale > demo_scale.MAX_PRODUCTS:
            raise CommandError(f"--scale must be between 0 and {demo_scale.MAX_PRODUCTS}.")
        with transaction.atomic(), changes.batch():
            created = demo_loading.load()
            # Apps built on the directory bring their own demo content: they name a
            # loader in their AppConfig, so the directory never imports them.
            for config in apps.get_app_configs():
                if getattr(config, "demo_loader", None):
                    created |= import_string(config.demo_loader)()
        summary = ", ".join(f"{label} {count}" for label, count in created.items())
        self.stdout.write(f"Demo content: created {summary}.")
        if scale:
            added = demo_scale.top_up(scale, progress=self.stdout.write)
            self.stdout.write(
                f"Scale: {added['products']} products and {added['enterprises']} enterprises "
                f"added ({demo_scale.count_products()} benchmark products in total)."
            )
