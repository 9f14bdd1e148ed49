# Copyright (c) 2026, kidcare contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import format_date, get_link_to_form, getdate, today

from kidcare.permissions import give_role
from kidcare.privacy import log_print, log_sensitive_read
from kidcare.relocation import carry_open_work
from kidcare.rules import id_number as idn
from kidcare.rules import phone
from kidcare.rules.child import FINAL, age_on


class ChildProfile(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from kidcare.kidcare.doctype.child_interest.child_interest import ChildInterest
		from kidcare.kidcare.doctype.child_need.child_need import ChildNeed
		from kidcare.kidcare.doctype.child_profile_category.child_profile_category import ChildProfileCategory

		address: DF.SmallText | None
		alias: DF.Data | None
		categories: DF.Table[ChildProfileCategory]
		care_area: DF.Link
		checkin_token: DF.Data | None
		current_pairing: DF.Link | None
		consent_attachment: DF.Attach | None
		consent_date: DF.Date | None
		date_of_birth: DF.Date
		full_name: DF.Data
		gender: DF.Literal["", "Male", "Female"]
		guardian_consent: DF.Check
		guardian_name: DF.Data | None
		guardian_phone: DF.Data | None
		guardian_user: DF.Link | None
		guardian_relation: DF.Literal[
			"", "Father", "Mother", "Grandparent", "Other Relative", "Foster Parent", "Other"
		]
		anonymised_on: DF.Datetime | None
		id_number: DF.Data | None
		left_program_on: DF.Date | None
		interests: DF.TableMultiSelect[ChildInterest]
		latitude: DF.Float
		longitude: DF.Float
		needs: DF.Table[ChildNeed]
		notes: DF.SmallText | None
		status: DF.Literal["Registered", "Awaiting Pairing", "Paired", "Exited", "Aged Out"]
	# end: auto-generated types

	@property
	def age(self) -> int | None:
		if self.date_of_birth:
			return age_on(getdate(self.date_of_birth), getdate(today()))

	def before_insert(self):
		from kidcare.checkin import new_token

		self.checkin_token = new_token()

	def validate(self):
		self.validate_date_of_birth()
		self.validate_care_area()
		self.validate_id_number()
		self.validate_guardian_phone()
		self.validate_guardian_user()
		self.set_left_program_on()

	def set_left_program_on(self):
		"""The day the child left (Exited or Aged Out): the retention period counts from it."""
		if self.status not in FINAL:
			self.left_program_on = None
		elif not self.left_program_on or self.has_value_changed("status"):
			self.left_program_on = today()

	def apply_fieldlevel_read_permissions(self):
		"""Every channel that hands out one child's record (form load, REST, frappe.client.get, print)
		passes here: a reader of her sensitive fields leaves an Access Log (kidcare/privacy.py)."""
		super().apply_fieldlevel_read_permissions()
		if not self.flags.read_logged:
			self.flags.read_logged = True
			log_sensitive_read(self)

	def before_print(self, settings=None):
		log_print(self)

	def validate_guardian_phone(self):
		"""Stored in one canonical form (digits only), whatever way it was typed."""
		if not self.guardian_phone:
			return
		self.guardian_phone = phone.normalize(self.guardian_phone)
		if not phone.is_phone(self.guardian_phone):
			throw(
				_(
					"{0} is not a valid phone number: give an 11-digit mobile or a landline with its area code."
				).format(frappe.bold(self.guardian_phone))
			)

	def validate_guardian_user(self):
		if (
			self.guardian_user
			and self.has_value_changed("guardian_user")
			and frappe.db.get_value("User", self.guardian_user, "user_type") != "Website User"
		):
			throw(
				_(
					"The guardian's login {0} must be a website user: staff logins cannot be linked to a child."
				).format(frappe.bold(self.guardian_user))
			)

	def on_update(self):
		# a linked login can apply for this child's exit on the website (and see nothing else)
		give_role(self.guardian_user, "Child Guardian")
		if self.has_value_changed("care_area") and self.get_doc_before_save():
			# her living pairing, its open reviews and this month's contacts follow her
			carry_open_work(self.name, self.care_area)

	def validate_date_of_birth(self):
		if self.date_of_birth and getdate(self.date_of_birth) > getdate(today()):
			throw(_("The date of birth cannot be in the future."))

	def validate_care_area(self):
		area_type = frappe.db.get_value("Care Area", self.care_area, "area_type")
		if area_type and area_type != "Community":
			throw(
				_("The Care Area of a child must be a Community; {0} is a {1}.").format(
					frappe.bold(self.care_area), _(area_type)
				)
			)

	def validate_id_number(self):
		if not self.id_number:
			self.id_number = None  # unique: several children may have none, never two the same
			return
		self.id_number = idn.normalize(self.id_number)
		error = idn.validation_error(self.id_number)
		if error == idn.FORMAT:
			throw(_("The ID number must be 18 characters: 17 digits and a final digit or X."))
		elif error == idn.BIRTH_DATE:
			throw(_("The ID number {0} does not contain a valid date of birth.").format(self.id_number))
		elif error == idn.CHECKSUM:
			throw(
				_("The ID number {0} fails its check digit: please look for a typing mistake.").format(
					self.id_number
				)
			)

		for mismatch in idn.mismatches(self.id_number, getdate(self.date_of_birth), self.gender):
			if mismatch == "date_of_birth":
				throw(
					_("The ID number gives the date of birth {0}, but the profile says {1}.").format(
						format_date(idn.birth_date(self.id_number)), format_date(self.date_of_birth)
					)
				)
			throw(
				_("The ID number belongs to a child of gender {0}, but the profile says {1}.").format(
					_(idn.gender(self.id_number), context="Child Profile"),
					_(self.gender, context="Child Profile"),
				)
			)

		existing = frappe.db.get_value(
			"Child Profile", {"id_number": self.id_number, "name": ("!=", self.name)}, "name"
		)
		if existing:
			throw(
				_("ID number {0} is already registered for {1}.").format(
					self.id_number, get_link_to_form("Child Profile", existing)
				),
				frappe.DuplicateEntryError,
			)

	def move_to(self, status: str, comment: str | None = None):
		"""Change the child's place in the program. Enrollments, pairings, exits and the aged-out job
		call this; nobody edits the status by hand (it sits at a permlevel only administrators write)."""
		if self.status == status:
			return
		self.status = status
		self.flags.ignore_permissions = True
		self.save()
		if comment:
			self.add_comment("Info", comment)


def throw(message: str, exc=frappe.ValidationError):
	frappe.throw(message, exc, title=_("Invalid Child Profile"))
