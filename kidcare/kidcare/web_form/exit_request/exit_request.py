def get_context(context):
	# the guardian's children come from kidcare.api.guardian_children (see exit_request.js)
	pass
