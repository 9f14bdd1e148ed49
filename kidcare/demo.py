"""A demo district to look at: ``bench --site SITE kidcare-demo`` (see kidcare/commands.py).

One district, 4 streets, 12 communities, staff logins scoped to their areas, 300 children with their
situations, needs and guardians, 120 volunteers, pairings proposed by the matching plan and approved
through the workflow, six months of contacts, monthly reviews and meetings, and a few exit requests:
enough that every card, chart and report has something true to show. Everything goes through the
documents' own controllers and workflows; the random choices are seeded, so every demo site is the same.

Idempotent: running it again adds nothing that is already there. The people it creates log in with
the password it prints; they are for demo sites only.
"""

import random

import frappe
from frappe.utils import add_days, add_months, getdate, today

from kidcare.rules import compliance
from kidcare.rules.id_number import check_char
from kidcare.workflow.steps import advance

DEMO_PASSWORD = "kidcare-demo-2026"
WORKSPACE = "KidCare"

DISTRICT = "滨江区"
STREETS = {
	"长河街道": ("长河社区", "江一社区", "塘子堰村"),
	"西兴街道": ("西兴社区", "湘湖社区", "铁岭花园社区"),
	"浦沿街道": ("浦沿社区", "东冠社区", "杨家墩社区"),
	"白马湖街道": ("白马湖社区", "东信社区", "联庄村"),
}

# (email, full name, role, area)
PEOPLE = (
	("admin@kidcare.demo", "王丽华", "KidCare Admin", None),
	("approver@kidcare.demo", "陈建国", "District Approver", DISTRICT),
	("changhe@kidcare.demo", "李晓燕", "Street Officer", "长河街道"),
	("xixing@kidcare.demo", "张敏", "Street Officer", "西兴街道"),
	("puyan@kidcare.demo", "刘芳", "Street Officer", "浦沿街道"),
	("baimahu@kidcare.demo", "周红", "Street Officer", "白马湖街道"),
	("jiangyi@kidcare.demo", "赵静", "Community Worker", "江一社区"),
)
VOLUNTEER_LOGIN = ("volunteer@kidcare.demo", "孙秀英")
GUARDIAN_LOGIN = ("guardian@kidcare.demo", "何建平")
PARTNER_LOGIN = ("partner@kidcare.demo", "钱慧")

CHILDREN, VOLUNTEERS, MONTHS = 300, 120, 6
# where each street lies (Binjiang, Hangzhou): communities sit around it
STREET_CENTRES = {
	"长河街道": (30.188, 120.201),
	"西兴街道": (30.210, 120.220),
	"浦沿街道": (30.180, 120.155),
	"白马湖街道": (30.196, 120.172),
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾田董潘袁蔡蒋余杜叶程魏苏吕丁沈姚卢钟姜崔陆范金"
GIRL = (
	"欣怡",
	"梓涵",
	"诗涵",
	"可馨",
	"雨桐",
	"语嫣",
	"思琪",
	"佳怡",
	"子萱",
	"一诺",
	"若汐",
	"梦瑶",
	"雅琪",
	"婉清",
	"晓彤",
	"静怡",
)
BOY = (
	"子轩",
	"浩宇",
	"宇轩",
	"浩然",
	"俊杰",
	"子豪",
	"皓轩",
	"梓睿",
	"宇航",
	"博文",
	"明轩",
	"天佑",
	"俊熙",
	"思远",
	"嘉豪",
	"志强",
)
WOMEN = (
	"秀英",
	"桂英",
	"丽娟",
	"红梅",
	"海燕",
	"晓红",
	"玉兰",
	"美玲",
	"素芬",
	"建华",
	"慧敏",
	"雪梅",
	"春燕",
	"丽萍",
)
MEN = ("建国", "志明", "国平", "海涛", "卫东", "永强")
CATEGORIES = (("Left-behind", 45), ("Low-income", 20), ("Parent Disabled or Ill", 8), ("Disabled", 7), ("De-facto Unsupported", 6),
	("Serious Illness", 5), ("Parent Imprisoned", 4), ("Orphan", 3), ("Parent in Compulsory Rehab", 2))  # fmt: skip
CONTACTS = (
	("Phone or Video", 50, 30),
	("Home Visit", 30, 120),
	("Activity", 10, 180),
	("Outing", 6, 240),
	("Holiday Home Stay", 4, 480),
)
SUMMARIES = {
	"Phone or Video": (
		"视频通话，聊了学校里的事，提醒按时完成作业",
		"电话问候，孩子说最近和同学相处得不错",
		"和孩子视频，祖母说孩子感冒已好转",
	),
	"Home Visit": (
		"入户家访，检查了作业，和祖母沟通孩子的饮食起居",
		"家访，带去学习用品，陪孩子读了半小时绘本",
		"家访，了解到孩子周末沉迷手机，和监护人商量了约定",
	),
	"Activity": ("参加社区“七彩假期”活动，孩子表演了朗诵", "一起参加亲子阅读会"),
	"Outing": ("陪孩子去科技馆，孩子对机器人很感兴趣", "带孩子去湘湖边骑行，孩子很开心"),
	"Holiday Home Stay": ("春节接孩子到家中团聚，一起包饺子、贴春联",),
}


def make_demo(children: int = CHILDREN, volunteers: int = VOLUNTEERS, months: int = MONTHS) -> dict:
	setup = complete_setup()
	make_areas()
	for email, full_name, role, area in PEOPLE:
		make_person(email, full_name, role, area)
	make_person(VOLUNTEER_LOGIN[0], VOLUNTEER_LOGIN[1], "Care Volunteer", None)
	make_person(GUARDIAN_LOGIN[0], GUARDIAN_LOGIN[1], "Child Guardian", None)
	make_person(PARTNER_LOGIN[0], PARTNER_LOGIN[1], "Care Partner Staff", None)
	frappe.db.commit()
	communities = [c for cs in STREETS.values() for c in cs]
	if not frappe.db.count("Child Profile", {"care_area": ("in", communities)}):
		Program(random.Random(2026), communities, months).build(children, volunteers)
	if not frappe.db.count("Care Partner", {"care_area": DISTRICT}):
		Program(random.Random(2027), communities, months).resources()
		frappe.db.commit()
	users = [p[0] for p in PEOPLE] + [VOLUNTEER_LOGIN[0], GUARDIAN_LOGIN[0], PARTNER_LOGIN[0]]
	return {"district": DISTRICT, "users": users, "password": DEMO_PASSWORD, "setup": setup}


class Program:
	"""Six months of a program, built the way users build it."""

	def __init__(self, rng: random.Random, communities: list[str], months: int):
		self.rng, self.communities, self.months = rng, communities, months
		self.start = compliance.month_start(getdate(add_months(today(), -months)))
		self.centre = {c: self.near(STREET_CENTRES[s], 0.012) for s, cs in STREETS.items() for c in cs}
		self.needs = frappe.get_all("Care Need", pluck="name")
		self.skills = frappe.get_all("Care Skill", pluck="name")

	def build(self, children: int, volunteers: int):
		frappe.flags.mute_emails = True
		kids = [self.child(i) for i in range(children)]
		frappe.db.commit()
		for child in kids[: int(children * 0.93)]:  # the rest wait for the street's verification
			enrollment = frappe.get_doc({"doctype": "Child Enrollment", "child": child, "source": self.pick(
				(("Needs Survey", 50), ("Street Referral", 20), ("School Referral", 15), ("Petition Case", 10), ("Self Application", 5))
			), "registered_on": add_days(self.start, -self.rng.randint(10, 60))}).insert()  # fmt: skip
			advance(enrollment, "status", "Pending Verification")
			enrollment.reload()
			enrollment.verification_notes = "入户核实：情况属实，监护人同意参加结对帮扶"
			enrollment.save()
			advance(enrollment, "status", "Verified")
			advance(frappe.get_doc("Child Enrollment", enrollment.name), "status", "Approved")
		vols = [self.volunteer(i) for i in range(volunteers)]
		frappe.db.set_value("Care Volunteer", vols[0], "user", VOLUNTEER_LOGIN[0])
		frappe.db.commit()
		pairings = self.pair()
		frappe.db.commit()
		self.contacts_and_reviews(pairings)
		frappe.db.commit()
		self.meetings(vols)
		self.exits(pairings)
		frappe.db.commit()

	# -- people ----------------------------------------------------------------------------------

	def child(self, i: int) -> str:
		rng = self.rng
		gender = rng.choice(("Male", "Female"))
		surname = rng.choice(SURNAMES)
		born = getdate(add_days("2009-01-01", rng.randint(0, 12 * 365)))
		first17 = f"330108{born:%Y%m%d}{(2 * i + (1 if gender == 'Male' else 0)) % 1000:03d}"
		community = rng.choice(self.communities)
		lat, lng = self.near(self.centre[community], 0.004)
		categories = {self.pick(CATEGORIES)}
		if rng.random() < 0.25:
			categories.add(self.pick(CATEGORIES))
		relation = self.pick(
			(
				("Grandparent", 55),
				("Mother", 20),
				("Father", 12),
				("Other Relative", 10),
				("Foster Parent", 3),
			)
		)
		doc = frappe.get_doc(
			{
				"doctype": "Child Profile",
				"full_name": surname + rng.choice(BOY if gender == "Male" else GIRL),
				"gender": gender,
				"date_of_birth": born,
				"id_number": first17 + check_char(first17),
				"care_area": community,
				"address": f"{community}{rng.randint(1, 40)}幢{rng.randint(1, 6)}单元{rng.randint(101, 1802)}室",
				"latitude": lat,
				"longitude": lng,
				"categories": [{"category": c} for c in categories],
				"needs": [
					{"care_need": n, "priority": self.pick((("High", 30), ("Medium", 50), ("Low", 20)))}
					for n in rng.sample(self.needs, rng.randint(1, 3))
				],
				"interests": [{"care_skill": s} for s in rng.sample(self.skills, rng.randint(1, 3))],
				"guardian_name": (surname if relation != "Mother" else rng.choice(SURNAMES))
				+ rng.choice(WOMEN + MEN),
				"guardian_relation": relation,
				"guardian_phone": f"13{rng.randint(100000000, 999999999)}",
				"guardian_consent": 1,
				"consent_date": add_days(self.start, -rng.randint(60, 120)),
			}
		)
		doc.insert(ignore_permissions=True)
		return doc.name

	def volunteer(self, i: int) -> str:
		rng = self.rng
		community = rng.choice(self.communities)
		lat, lng = self.near(self.centre[community], 0.006)
		status = "Active" if i < int(VOLUNTEERS * 0.9) or i == 0 else rng.choice(("Applicant", "Paused"))
		doc = frappe.get_doc(
			{
				"doctype": "Care Volunteer",
				"full_name": VOLUNTEER_LOGIN[1] if i == 0 else rng.choice(SURNAMES) + rng.choice(WOMEN),
				"gender": "Female",
				"mobile": f"139{rng.randint(10000000, 99999999)}",
				"is_party_member": int(rng.random() < 0.4),
				"organisation": rng.choice(
					("区妇联执委", "社区巾帼志愿队", "滨江实验小学", "区人民医院", "律师事务所", "")
				),
				"status": status,
				"care_area": community,
				"capacity": self.pick(((1, 55), (2, 35), (3, 10))),
				"latitude": lat,
				"longitude": lng,
				"skills": [{"care_skill": s} for s in rng.sample(self.skills, rng.randint(2, 4))],
				"screening_status": "Passed" if status == "Active" else "Pending",
				"training_completed_on": add_days(self.start, -rng.randint(10, 90))
				if status == "Active"
				else None,
			}
		)
		doc.insert(ignore_permissions=True)
		return doc.name

	# -- pairing and keeping pairings alive --------------------------------------------------------

	def pair(self) -> list[str]:
		"""The matching plan's proposals, approved through the workflow, started in the first months."""
		from kidcare.api import plan_matches

		assignments = plan_matches()["assignments"]
		pairings = []
		for a in assignments[: int(len(assignments) * 0.85)]:
			started = add_days(self.start, self.rng.randint(0, 75))
			doc = frappe.get_doc(
				{
					"doctype": "Care Pairing",
					"child": a["child"],
					"volunteer": a["volunteer"],
					"start_date": started,
				}
			).insert()
			advance(doc, "status", "Active")
			pairings.append(doc.name)
		# the demo volunteer's login has a child from the first month, whatever the plan proposed (the
		# volunteers' app and its browser test show her child and this month's open review)
		own = frappe.db.get_value("Care Volunteer", {"user": VOLUNTEER_LOGIN[0]}, "name")
		if own and not frappe.db.exists("Care Pairing", {"volunteer": own, "name": ("in", pairings)}):
			waiting = frappe.get_all(
				"Child Profile", filters={"status": "Awaiting Pairing"}, pluck="name", limit=1
			)
			if waiting:
				doc = frappe.get_doc(
					{
						"doctype": "Care Pairing",
						"child": waiting[0],
						"volunteer": own,
						"start_date": self.start,
					}
				).insert()
				advance(doc, "status", "Active")
				pairings.insert(1, doc.name)
		guardian_child = frappe.db.get_value("Care Pairing", pairings[0], "child")
		frappe.db.set_value("Child Profile", guardian_child, "guardian_user", GUARDIAN_LOGIN[0])
		return pairings

	def contacts_and_reviews(self, pairings: list[str]):
		from kidcare.kidcare.doctype.monthly_review.monthly_review import state_setting_status
		from kidcare.tasks import create_monthly_reviews

		rng = self.rng
		now = getdate(today())
		for name in pairings:
			started = getdate(frappe.db.get_value("Care Pairing", name, "start_date"))
			diligence = rng.random()  # some volunteers keep in touch better than others
			day = started
			while day <= now:
				if rng.random() < 0.35 + 0.6 * diligence:
					kind = self.pick(tuple((k, w) for k, w, _m in CONTACTS))
					minutes = dict((k, m) for k, _w, m in CONTACTS)[kind]
					frappe.get_doc(
						{
							"doctype": "Care Contact",
							"pairing": name,
							"contact_date": day,
							"contact_type": kind,
							"duration_minutes": int(minutes * rng.uniform(0.6, 1.4)),
							"need_areas": [{"care_need": rng.choice(self.needs)}],
							"summary": rng.choice(SUMMARIES[kind]),
						}
					).insert(ignore_permissions=True)
				day = add_days(day, rng.randint(12, 28))
		# the scheduler's reviews for each month, then what the volunteers and streets did with them
		review = frappe.qb.DocType("Monthly Review")
		this_month = compliance.month_start(now)
		for i in range(self.months + 1):
			period = compliance.month_start(getdate(add_months(self.start, i)))
			if period > this_month:
				break
			create_monthly_reviews(period=period)
			if period < compliance.previous_month(now):
				frappe.qb.update(review).set(review.status, "Reviewed").set(review.docstatus, 1).set(
					review.workflow_state, state_setting_status("Reviewed")
				).set(review.volunteer_report, "本月按计划联系，孩子状态稳定。").set(
					review.reviewer_comments, "已审核，继续保持。"
				).where(review.period == period).run()
			elif period < this_month:
				# last month: most reports are in; the rest are overdue
				frappe.qb.update(review).set(review.status, "Submitted").set(
					review.workflow_state, state_setting_status("Submitted")
				).set(review.volunteer_report, "本月已联系，孩子学习有进步。").where(
					(review.period == period) & (review.contacts_count > 0)
				).run()

	def meetings(self, volunteers: list[str]):
		rng = self.rng
		names = dict(frappe.get_all("Care Volunteer", fields=["name", "full_name"], as_list=True))
		for i in range(self.months):
			month = getdate(add_months(self.start, i))
			for street in STREETS:
				attendees = rng.sample(volunteers, 6)
				frappe.get_doc(
					{
						"doctype": "Review Meeting",
						"meeting_type": "Street Monthly",
						"care_area": street,
						"meeting_date": add_days(month, 24),
						"venue": f"{street}党群服务中心",
						"attendees": [{"volunteer": v, "attendee_name": names[v]} for v in attendees],
						"experience_shared": "交流了陪伴孩子阅读和与祖辈监护人沟通的经验。",
						"problems_raised": "个别孩子周末沉迷手机；部分监护人不会使用视频通话。",
						"action_items": [
							{"action": "为监护人开展一次智能手机使用培训", "due_date": add_days(month, 45)}
						],
					}
				).insert(ignore_permissions=True)
				if i == self.months - 1:
					# and one still to come (the volunteers' app lists her street's coming meetings)
					frappe.get_doc(
						{
							"doctype": "Review Meeting",
							"meeting_type": "Street Monthly",
							"care_area": street,
							"meeting_date": add_days(today(), 10),
							"venue": f"{street}党群服务中心",
						}
					).insert(ignore_permissions=True)
			if month.month in (3, 6, 9, 12):
				frappe.get_doc(
					{
						"doctype": "Review Meeting",
						"meeting_type": "District Quarterly",
						"care_area": DISTRICT,
						"meeting_date": add_days(month, 27),
						"venue": "区妇女儿童活动中心",
						"attendees": [
							{"attendee_name": n}
							for n in ("王丽华", "陈建国", "李晓燕", "张敏", "刘芳", "周红")
						],
						"experience_shared": "各街道通报本季度结对帮扶情况，推广长河街道“周末成长营”做法。",
						"problems_raised": "志愿者流动带来的重新匹配需加快。",
					}
				).insert(ignore_permissions=True)

	def exits(self, pairings: list[str]):
		"""Families who left (approved), one the street turned down, and requests still in progress."""
		reasons = (
			("Moved Away", "全家随父母迁往外省务工地居住"),
			("Circumstances Improved", "父亲返乡就业，孩子由父母照顾，困境已消除"),
			("Volunteer Cannot Continue", "志愿者工作调动至外地，无法继续结对"),
			("Moved Away", "随母亲迁往市区居住"),
			("Family Declines Help", "监护人表示家庭可以自行照顾"),
			("Circumstances Improved", "母亲病愈返岗，家庭收入恢复"),
		)
		steps = ("approve", "approve", "approve", "reject", "verify", "apply")
		for name, (category, detail), step in zip(pairings[-len(steps) :], reasons, steps, strict=True):
			child = frappe.db.get_value("Care Pairing", name, "child")
			request = frappe.get_doc(
				{
					"doctype": "Exit Request",
					"child": child,
					"applicant_type": "Volunteer" if category == "Volunteer Cannot Continue" else "Guardian",
					"reason_category": category,
					"reason_detail": detail,
					"signed_application": "/files/exit-application-signed.pdf",
				}
			).insert()
			if step == "apply":
				continue
			if step == "reject":
				request.verification_notes = "经入户核实，家庭并未迁出，孩子仍需帮扶"
				request.save()
				advance(request, "decision", "Rejected")
				continue
			request.verification_notes = "经街道入户核实，情况属实"
			request.save()
			advance(request, "status", "Verified")
			if step == "approve":
				request = frappe.get_doc("Exit Request", request.name)
				request.decision_notes = "同意退出结对，志愿者重新匹配"
				request.save()
				advance(request, "decision", "Approved")

	# -- the team's resources (1+1+∞) ----------------------------------------------------------------

	def resources(self):
		"""Two partners (the demo partner login is the district's company's staff), their spaces on the
		map, activities past and coming with the paired children signed up, and children's demands at
		every level: waiting at the community and the street, published, claimed and solved."""
		from kidcare.resources import activities, demands

		company = self.partner("滨江爱心企业联盟", "Caring Company", DISTRICT, [PARTNER_LOGIN[0]])
		home = self.partner("长河街道妇女微家", "Women's Micro-home", "长河街道", [])
		spaces = {
			"长河街道": self.space("长河街道爱心精准结对帮扶空间", home, "长河街道"),
			DISTRICT: self.space("滨江区妇女儿童活动中心", company, DISTRICT),
		}
		now = frappe.utils.now_datetime()
		plans = (
			("“七彩假期”亲子阅读会", "长河街道", -40, 1, "Completed"),
			("科技馆研学一日游", DISTRICT, 12, 1, "Planned"),
			("周末成长营·国际象棋", "长河街道", 5, 0, "Planned"),
		)
		for title, area, days, memorable, status in plans:
			starts = frappe.utils.add_to_date(
				now.replace(hour=9, minute=0, second=0, microsecond=0), days=days
			)
			activity = frappe.get_doc(
				{
					"doctype": "Care Activity",
					"activity_name": title,
					"care_area": area,
					"space": spaces[area],
					"partner": company if area == DISTRICT else home,
					"starts_at": starts,
					"ends_at": frappe.utils.add_to_date(starts, hours=3),
					"capacity": 12,
					"is_memorable": memorable,
					"activity_status": status,
					"audience": "结对儿童及其爱心妈妈",
				}
			).insert()
			if days > 0:
				for child in self.paired_children(area, 6):
					activities.sign_up(activity.name, child)
		# demands raised by the streets' staff for their children, each left at a different stage
		climb = ("Street", "District", "Published")
		stages = (
			("冬季需要一件厚棉衣和一双棉鞋", 0, None),
			("孩子想学书法，希望有老师每周辅导一次", 1, None),
			("祖辈监护人希望得到家庭教育方面的指导", 2, None),
			("希望参加一次城市科技馆研学活动", 3, None),
			("家中书桌损坏，需要一套学习桌椅", 3, "claimed"),
			("孩子需要一套课外读物", 3, "solved"),
		)
		children = self.paired_children(None, len(stages))
		for (request, levels, claim), child in zip(stages, children, strict=False):
			demand = frappe.get_doc(
				{
					"doctype": "Child Demand",
					"child": child,
					"need": self.rng.choice(self.needs),
					"urgency": "Normal",
					"request": request,
					"needed_by": add_days(today(), 30),
				}
			).insert()
			for level in climb[:levels]:
				demand = advance(frappe.get_doc("Child Demand", demand.name), "current_level", level)
			if claim:
				frappe.set_user(PARTNER_LOGIN[0])
				demands.claim(demand.name)
				frappe.set_user("Administrator")
			if claim == "solved":
				demands.confirm_claim(demand.name)
				frappe.set_user(PARTNER_LOGIN[0])
				demands.record_work(demand.name, "已采购并送达课外读物二十册")
				frappe.set_user("Administrator")
				advance(frappe.get_doc("Child Demand", demand.name), "status", "Solved")

	def partner(self, title: str, kind: str, area: str, users: list[str]) -> str:
		return (
			frappe.get_doc(
				{
					"doctype": "Care Partner",
					"partner_name": title,
					"kind": kind,
					"care_area": area,
					"contact_person": self.rng.choice(SURNAMES) + self.rng.choice(WOMEN),
					"contact_phone": f"138{self.rng.randint(10000000, 99999999)}",
					"services": [{"care_need": n} for n in self.needs[:2]],
					"skills": [{"care_skill": s} for s in self.skills[:3]],
					"members": [{"user": u} for u in users],
				}
			)
			.insert()
			.name
		)

	def space(self, title: str, partner: str, area: str) -> str:
		lat, lng = self.near(STREET_CENTRES.get(area, STREET_CENTRES["长河街道"]), 0.003)
		return (
			frappe.get_doc(
				{
					"doctype": "Care Space",
					"space_name": title,
					"partner": partner,
					"care_area": area,
					"capacity": 30,
					"opening_times": "周六、周日 9:00–17:00",
					"address": f"{area}江南大道{self.rng.randint(100, 999)}号",
					"latitude": lat,
					"longitude": lng,
					"services": [{"care_need": n} for n in self.needs[:2]],
				}
			)
			.insert()
			.name
		)

	def paired_children(self, street: str | None, count: int) -> list[str]:
		"""Children with an active pairing, in ``street`` (or anywhere), the same ones every time."""
		filters = {"status": "Active", "docstatus": 1}
		if street and street != DISTRICT:
			filters["care_area"] = ("in", STREETS[street])
		return frappe.get_all("Care Pairing", filters=filters, pluck="child", order_by="name", limit=count)

	# -- helpers ---------------------------------------------------------------------------------

	def near(self, point: tuple[float, float], spread: float) -> tuple[float, float]:
		return round(point[0] + self.rng.uniform(-spread, spread), 6), round(
			point[1] + self.rng.uniform(-spread, spread), 6
		)

	def pick(self, weighted):
		values, weights = zip(*weighted, strict=True)
		return self.rng.choices(values, weights)[0]


def complete_setup() -> str:
	"""Settle Frappe's setup wizard on a brand-new plain Frappe site, for a Chinese federation, the way the
	wizard itself would (language zh, Asia/Shanghai, and the desk's home page it sets on completion).

	Returns what was done: ``"completed"``, ``"already set up"`` (left as it is), or ``"left to ..."``
	when another installed app has a setup wizard of its own (ERPNext: company, fiscal year, chart of
	accounts): that wizard is the administrator's to run, and the demo changes none of the site's
	settings.
	"""
	from frappe.utils import cint

	if cint(frappe.db.get_single_value("System Settings", "setup_complete")):
		return "already set up"
	others = other_setup_wizards()
	if others:
		return "left to " + ", ".join(others)
	settings = frappe.get_single("System Settings")
	settings.update(
		{
			"language": "zh",
			"time_zone": "Asia/Shanghai",
			"country": "China",
			"date_format": "yyyy-mm-dd",
			"setup_complete": 1,
		}
	)
	settings.save(ignore_permissions=True)
	# what Frappe's own wizard does last (setup_wizard.disable_future_access): without it the desk of a
	# set-up site still loads the wizard's page as home and shows no navbar
	if frappe.db.get_default("desktop:home_page") in (None, "setup-wizard"):
		frappe.db.set_default("desktop:home_page", "workspace")
	frappe.db.commit()
	return "completed"


def other_setup_wizards() -> list[str]:
	"""The installed apps, other than Frappe and kidcare, whose setup wizard has stages of its own."""
	return sorted(
		app
		for app in frappe.get_installed_apps()
		if app not in ("frappe", "kidcare") and frappe.get_hooks("setup_wizard_stages", app_name=app)
	)


def make_areas():
	ensure_area(DISTRICT, "District", None)
	for street, communities in STREETS.items():
		ensure_area(street, "Street", DISTRICT)
		for community in communities:
			ensure_area(community, "Community", street)


def ensure_area(name: str, area_type: str, parent: str | None):
	if not frappe.db.exists("Care Area", name):
		frappe.get_doc(
			{
				"doctype": "Care Area",
				"care_area_name": name,
				"area_type": area_type,
				"parent_care_area": parent,
			}
		).insert(ignore_permissions=True)


def make_person(email: str, full_name: str, role: str, area: str | None):
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": full_name,
				"language": "zh",
				"send_welcome_email": 0,
				"new_password": DEMO_PASSWORD,
				"roles": [{"role": role}],
				# the desk opens on kidcare's workspace for kidcare's people only; the site's home is untouched
				"default_workspace": None if role in ("Child Guardian", "Care Partner Staff") else WORKSPACE,
			}
		).insert(ignore_permissions=True)
	if area and not frappe.db.exists(
		"User Permission", {"user": email, "allow": "Care Area", "for_value": area}
	):
		frappe.get_doc(
			{"doctype": "User Permission", "user": email, "allow": "Care Area", "for_value": area}
		).insert(ignore_permissions=True)
