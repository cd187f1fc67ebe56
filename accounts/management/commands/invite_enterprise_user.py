from django.core.management.base import BaseCommand, CommandError

from accounts import invitations
from directory.models import EnterprisePage
from directory.validators import normalize_identifier


class Command(BaseCommand):
    help = "创建企业用户账户，发送并打印一次性设置密码链接（72 小时内有效）。"

    def add_arguments(self, parser):
        parser.add_argument("email", help="企业用户的邮箱")
        parser.add_argument("--enterprise", required=True, help="企业的统一社会信用代码")

    def handle(self, email, enterprise, **options):
        code = normalize_identifier(enterprise)
        page = EnterprisePage.objects.filter(credit_code=code).first()
        if page is None:
            raise CommandError(f"找不到统一社会信用代码为 {code} 的企业。")
        try:
            invitation = invitations.invite(email, page)
        except invitations.InvitationError as error:
            raise CommandError(str(error)) from None
        link = invitations.send_invitation(invitation)
        self.stdout.write(f"已邀请 {invitation.user.email}（{page.title}）。设置密码链接：")
        self.stdout.write(link)
