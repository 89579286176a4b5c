from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import TtcpAssetsCase, utc


@tagged("post_install", "-at_install")
class TestSla(TtcpAssetsCase):
    def test_deadlines_across_the_night(self):
        # Tuesday 20:00: the 4 working hours run Wednesday 8:00-12:00.
        request = self._request(self.desktop, "2026-03-10 20:00")
        self.assertEqual(request.response_due, utc("2026-03-11 12:00"))
        # 16 hours: Wednesday 8, Thursday 8 -> Thursday 17:00.
        self.assertEqual(request.resolution_due, utc("2026-03-12 17:00"))

    def test_deadlines_across_lunch_and_weekend(self):
        # Friday 16:00: 1 hour on Friday, then Monday 8:00-11:00.
        request = self._request(self.desktop, "2026-03-13 16:00")
        self.assertEqual(request.response_due, utc("2026-03-16 11:00"))
        # 16 hours: Friday 1, Monday 8, Tuesday 7 (8-12, 13-16).
        self.assertEqual(request.resolution_due, utc("2026-03-17 16:00"))
        # Friday 10:30 with 2 hours (contract B): 10:30-12:00 then 13:00-13:30.
        request = self._request(self.router, "2026-03-13 10:30")
        self.assertEqual(request.response_due, utc("2026-03-13 13:30"))

    def test_deadlines_across_holidays(self):
        # Wednesday 29 April 2026, 15:00: 30/4 and 1/5 are holidays, then the weekend.
        request = self._request(self.desktop, "2026-04-29 15:00")
        self.assertEqual(request.response_due, utc("2026-05-04 10:00"))
        # A holiday added as data moves the deadline: Monday 4 May off too.
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Test extra day off",
                "calendar_id": self.calendar.id,
                "date_from": utc("2026-05-04 00:00"),
                "date_to": utc("2026-05-04 23:59"),
            }
        )
        request = self._request(self.desktop, "2026-04-29 15:00")
        self.assertEqual(request.response_due, utc("2026-05-05 10:00"))
        # Tết 2026 (14-22 February): reported on Friday 13 at 16:00 -> Monday 23, 11:00.
        request = self._request(self.desktop, "2026-02-13 16:00")
        self.assertEqual(request.response_due, utc("2026-02-23 11:00"))

    def test_breaches_on_record(self):
        on_time = self._request(
            self.desktop,
            "2026-03-10 09:00",
            responded_at=utc("2026-03-10 10:00"),
            resolved_at=utc("2026-03-11 09:00"),
        )
        self.assertFalse(on_time.sla_breached)
        self.assertEqual(on_time.response_hours, 1.0)
        self.assertEqual(on_time.resolution_hours, 8.0)
        self.assertEqual(on_time.stage_id, self.env.ref("maintenance.stage_3"))  # resolved: Repaired
        late_answer = self._request(self.desktop, "2026-03-10 09:00", responded_at=utc("2026-03-10 14:30"))
        self.assertTrue(late_answer.response_breached)
        self.assertTrue(late_answer.sla_breached)
        # Long past and never answered: breached as soon as it is recorded.
        ignored = self._request(self.desktop, "2026-03-10 09:00")
        self.assertTrue(ignored.response_breached and ignored.resolution_breached)
        self.assertEqual(ignored.breach_count, 1)

    def test_bad_times_refused(self):
        request = self._request(self.desktop, "2026-03-10 09:00")
        cases = [
            ("response cannot come before the report", {"responded_at": utc("2026-03-10 08:00")}),
            ("in the future", {"resolved_at": utc("2099-01-01 08:00")}),
            (
                "resolution cannot come before",
                {"responded_at": utc("2026-03-10 10:00"), "resolved_at": utc("2026-03-10 09:30")},
            ),
        ]
        for message, vals in cases:
            with self.assertRaisesRegex(ValidationError, message):
                request.write(vals)
            # As the request's transaction would be: the refused values are dropped, not flushed.
            self.env.invalidate_all(flush=False)
            self.env.cr.execute(
                "SELECT responded_at, resolved_at FROM maintenance_request WHERE id = %s", request.ids
            )
            self.assertEqual(self.env.cr.fetchall(), [(None, None)], message)

    def test_cron_flags_breaches_as_time_passes(self):
        # Reported Monday 9:00 (2 working hours for the router's line contract).
        with freeze_time("2026-03-09 02:00:00"):  # 9:00 in Hanoi
            request = self._request(self.router, "2026-03-09 09:00")
            self.assertEqual(request.response_due, utc("2026-03-09 11:00"))
            self.assertFalse(request.sla_breached)
            self.assertFalse(self.Request._cron_check_sla_breaches())
        partners = self.tech_b.partner_id
        self.assertIn(
            partners, request.message_partner_ids, "the contractor's technician follows the request"
        )
        with freeze_time("2026-03-09 04:30:00"):  # 11:30, response late
            breached = self.Request._cron_check_sla_breaches()
        self.assertIn(request, breached)
        self.assertTrue(request.response_breached)
        self.assertFalse(request.resolution_breached)
        message = request.message_ids.filtered(lambda m: "SLA breached" in (m.body or ""))
        self.assertEqual(len(message), 1)
        self.assertIn(partners, message.partner_ids)
        # Already flagged: the next run says nothing more.
        with freeze_time("2026-03-09 05:00:00"):
            self.assertNotIn(request, self.Request._cron_check_sla_breaches())
        self.assertEqual(len(request.message_ids.filtered(lambda m: "SLA breached" in (m.body or ""))), 1)
