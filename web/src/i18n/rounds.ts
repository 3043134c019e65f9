// A match round's page: whether villages not yet helped came first and what it cost, the floors,
// the proposals one row per need and donor, and the needs left short with the reason. Chinese
// first, English with identical keys; merged into the catalogues with one spread line each.
const zh = {
  roundResult: {
    fairnessTitle: '优先照顾尚未获得帮扶的村',
    fairnessApplied:
      '本轮优先照顾尚未获得帮扶的村：{n} 个村的分配因此改变。代价：本轮综合得分 {objective} 分，不考虑这一点时最高可得 {without} 分，少 {cost} 分（{percent}%）。',
    fairnessNoChange: '本轮开启了优先照顾尚未获得帮扶的村，分配结果与不开启时相同，没有代价。',
    fairnessOff: '本轮未开启优先照顾尚未获得帮扶的村，按综合得分最高分配。',
    fairnessHow: '做法：每个村在每种物资上所缺的前 20% 每单位加 300 分，其后 30% 每单位加 100 分，先到先满足。',
    helpedVillage: '村',
    helpedGot: '本轮得到',
    helpedWithout: '不开启时',
    floorsTitle: '起配额',
    floors:
      '起配额：{list}。一笔认捐剩下的零头若不足起配额、又补不满一项需求，就留在认捐中，不拆给这项需求；能补足一项需求的，再少也分配。',
    noFloors: '本轮未设起配额：认捐剩下的零头也会分给需求。',
    rowsTitle: '建议分配（每项需求每个捐赠方一行）',
    rowsFirst: '下表列出前 {n} 行；同一捐赠方用几笔认捐支持同一需求时合为一行。',
    pledges: '认捐',
    unmatchedTitle: '未匹配的需求（{n}）',
    noUnmatched: '本轮所有参与的需求都已匹配。',
    stillShort: '尚缺',
    gotThisRound: '本轮得到',
    why: '原因',
    reason: {
      'past-deadline': '已过截止日期',
      'no-pledge-of-unit': '没有这种物资的认捐',
      'no-pledge-for-category': '没有认捐支持这一类别',
      'no-pledge-in-scope': '认捐的帮扶范围不含本村',
      'village-cap-reached': '本村帮扶上限已满',
      'below-floor': '剩余认捐不足起配额',
      'max-per-need-reached': '认捐对单项需求的上限已到',
      'pledges-used-elsewhere': '认捐已分给得分更高的需求',
      'no-gain': '按当前权重分配无得分',
      other: '其他原因',
    },
  },
}

const en: typeof zh = {
  roundResult: {
    fairnessTitle: 'Villages not yet helped came first',
    fairnessApplied:
      'Villages not yet helped came first in this round: {n} villages got a different share because of it. The cost: the round scores {objective} points where {without} were possible without it, {cost} points ({percent}%) less.',
    fairnessNoChange:
      'Villages not yet helped were to come first in this round; the answer is the same as without it, at no cost.',
    fairnessOff: 'Villages not yet helped did not come first in this round: the highest score decided.',
    fairnessHow:
      'How: the first 20% of what a village lacks in each unit earns 300 more points a unit, the next 30% 100 more, so these are met first.',
    helpedVillage: 'Village',
    helpedGot: 'This round',
    helpedWithout: 'Without it',
    floorsTitle: 'Floor',
    floors:
      'Floor: {list}. What is left of a pledge stays with it when it is below the floor and would not complete the need; a piece that completes a need is given however small.',
    noFloors: 'No floor in this round: what is left of a pledge is given to needs too.',
    rowsTitle: 'Proposals (one row per need and donor)',
    rowsFirst: 'The first {n} rows are listed; a donor giving one need from several pledges has one row.',
    pledges: 'Pledges',
    unmatchedTitle: 'Needs left unmatched ({n})',
    noUnmatched: 'Every need in this round was matched.',
    stillShort: 'Still short',
    gotThisRound: 'This round',
    why: 'Why',
    reason: {
      'past-deadline': 'Past its deadline',
      'no-pledge-of-unit': 'No pledge of this kind',
      'no-pledge-for-category': 'No pledge for this category',
      'no-pledge-in-scope': 'No pledge has this village in its scope',
      'village-cap-reached': "The village's cap is reached",
      'below-floor': 'What is left is below the floor',
      'max-per-need-reached': 'Pledges already give it their maximum',
      'pledges-used-elsewhere': 'Pledges went to needs that score higher',
      'no-gain': 'No gain with these weights',
      other: 'Another reason',
    },
  },
}

export default { zh, en }
