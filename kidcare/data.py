"""What kidcare ships: its roles and the starter catalogues. Plain data, no Frappe."""

# (role, desk access)
ROLES = (
	("KidCare Admin", 1),  # district federation staff: everything
	("District Approver", 1),
	("Street Officer", 1),
	("Community Worker", 1),  # 儿童主任 / 网格员
	("Care Volunteer", 0),  # 爱心妈妈: website user, works in the phone app (/kidcare)
	("Child Guardian", 0),  # website user: the parent or guardian of a child
	("KidCare Sponsor", 0),  # website user: a Care Sponsor's login, sees their own sponsorships
	("Care Partner Staff", 0),  # website user: staff of a Care Partner (爱心单位) who claim demands
)

# The 4 need areas and their 20 suggested services (需求领域与建议服务)
CARE_NEEDS = {
	"Daily-life Care": ("生活照料", "学业辅导", "健康关注", "安全教育", "物资帮扶"),
	"Spiritual Growth": ("心理疏导", "情感陪伴", "阅读陪伴", "兴趣培养", "品德教育"),
	"Social Integration": ("社会实践", "集体活动", "节日团聚", "社交能力培养", "职业启蒙"),
	"Family Education Guidance": (
		"亲子沟通指导",
		"家庭教育讲座",
		"监护责任督导",
		"家庭关系调适",
		"政策与资源链接",
	),
}

# Which volunteer skills serve which need (matching uses it; administrators refine it on each Care Need)
NEED_SKILLS = {
	"生活照料": ("营养与烹饪", "家庭教育"),
	"学业辅导": ("数学辅导", "英语", "阅读", "编程", "科学实验"),
	"健康关注": ("医疗保健", "营养与烹饪"),
	"安全教育": ("法律咨询", "游泳", "医疗保健"),
	"物资帮扶": (),
	"心理疏导": ("心理咨询",),
	"情感陪伴": ("心理咨询", "家庭教育", "阅读"),
	"阅读陪伴": ("阅读",),
	"兴趣培养": ("书法", "绘画", "音乐", "舞蹈", "手工", "摄影", "国际象棋", "围棋", "篮球", "足球"),
	"品德教育": ("阅读", "家庭教育"),
	"社会实践": ("职业规划", "科学实验", "摄影"),
	"集体活动": ("篮球", "足球", "舞蹈", "音乐"),
	"节日团聚": ("营养与烹饪", "手工"),
	"社交能力培养": ("心理咨询", "篮球", "足球"),
	"职业启蒙": ("职业规划", "编程"),
	"亲子沟通指导": ("家庭教育", "心理咨询"),
	"家庭教育讲座": ("家庭教育",),
	"监护责任督导": ("法律咨询", "家庭教育"),
	"家庭关系调适": ("心理咨询", "家庭教育"),
	"政策与资源链接": ("法律咨询",),
}

# A starter set of what volunteers offer and children enjoy
CARE_SKILLS = {
	"Learning": ("阅读", "数学辅导", "英语", "编程", "科学实验"),
	"Arts": ("书法", "绘画", "音乐", "舞蹈", "手工", "摄影"),
	"Sports": ("国际象棋", "围棋", "篮球", "足球", "游泳"),
	"Psychology": ("心理咨询",),
	"Law": ("法律咨询",),
	"Health": ("医疗保健", "营养与烹饪"),
	"Life Skills": ("家庭教育", "职业规划"),
}
