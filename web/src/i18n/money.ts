// The words of the money path (needs, pledges, claims, allocations, match rounds): its error
// codes, its field codes and the reason "matched on priority and category". zh and en have the
// same keys; zh-CN.ts and en.ts spread each part into their own sections.
export const zh = {
  errors: {
    need_not_open: '这项需求目前不接受认领。',
    need_past_deadline: '这项需求已过截止日期。',
    need_not_editable: '只有草稿或被退回的需求可以修改。',
    need_wrong_state: '这项需求当前的状态不允许这样操作。',
    need_committed: '已有捐赠方确认了这项需求的对接，不能撤回。',
    pledge_not_yours: '这不是您的认捐。',
    pledge_not_open: '这项认捐已不再开放。',
    pledge_expired: '这项认捐已过期。',
    quantity_exceeds_need: '数量超过了这项需求还缺的数量。',
    quantity_exceeds_pledge: '数量超过了这项认捐剩余的数量。',
    quantity_below_allocated: '数量不能低于已经分配出去的数量。',
    max_per_need_reached: '这项认捐给同一项需求的数量已到上限。',
    village_cap_reached: '这个村在这一单位上的帮扶已到上限。',
    allocation_wrong_state: '这条对接当前的状态不允许这一步。',
    round_running: '已有一轮撮合正在进行，请稍后再试。',
  },
  fieldErrors: {
    not_found: '找不到这一项',
    unit_mismatch: '认捐的单位与需求的单位不一致',
    category_not_covered: '这项认捐不包括这一类别',
    outside_scope: '这个村不在认捐的帮扶范围内',
    not_unit: '单位应为元、岗位、培训名额，或“物资:名称”（1 到 40 个字）',
    in_past: '不能早于今天',
    unknown_village: '没有这个村',
    unknown_campaign: '没有这项活动',
    unknown_donor: '没有这个捐赠方',
    unknown_region: '有不存在的地区',
    not_of_village: '这户不属于这个村',
    not_changeable: '不能修改',
  },
  reason: {
    'priority-category': '按需求的轻重缓急和类别匹配',
  },
}

export const en: typeof zh = {
  errors: {
    need_not_open: 'This need is not open for claims now.',
    need_past_deadline: 'This need is past its deadline.',
    need_not_editable: 'Only a draft or a returned need can be edited.',
    need_wrong_state: 'The need’s current state does not allow this.',
    need_committed: 'A donor has already confirmed help for this need; it cannot be withdrawn.',
    pledge_not_yours: 'This pledge is not yours.',
    pledge_not_open: 'This pledge is no longer open.',
    pledge_expired: 'This pledge has expired.',
    quantity_exceeds_need: 'The quantity is more than the need still lacks.',
    quantity_exceeds_pledge: 'The quantity is more than is left of the pledge.',
    quantity_below_allocated: 'The quantity cannot be below what is already allocated.',
    max_per_need_reached: 'This pledge has reached the most it gives to one need.',
    village_cap_reached: 'The village has reached its cap in this unit.',
    allocation_wrong_state: 'The allocation’s current state does not allow this step.',
    round_running: 'A match round is already running; please try again shortly.',
  },
  fieldErrors: {
    not_found: 'Not found',
    unit_mismatch: 'The pledge is in another unit than the need',
    category_not_covered: 'The pledge does not cover this category',
    outside_scope: 'The village is outside the pledge’s scope',
    not_unit: 'Use yuan, jobs, training places or goods: a name of 1 to 40 characters',
    in_past: 'Must not be in the past',
    unknown_village: 'No such village',
    unknown_campaign: 'No such campaign',
    unknown_donor: 'No such donor',
    unknown_region: 'Names a region that does not exist',
    not_of_village: 'This household is not in that village',
    not_changeable: 'Cannot be changed',
  },
  reason: {
    'priority-category': 'Matched on priority and category',
  },
}

export default { zh, en }
