from wagtail import blocks


class AgendaItemBlock(blocks.StructBlock):
    time = blocks.CharBlock(label="时间", max_length=40, help_text="如“09:30–10:00”。")
    title = blocks.CharBlock(label="议程", max_length=200)
    speaker = blocks.CharBlock(label="主讲/主持", max_length=100, required=False)

    class Meta:
        icon = "time"
        label = "议程项"
        template = "events/blocks/agenda_item.html"
