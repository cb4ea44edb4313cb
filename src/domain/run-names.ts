// Generated run names in MLflow's `adjective-noun-NNN` shape (mlflow/utils/name_utils.py
// `_generate_random_name`, at most 20 characters). The word lists are our own.
const ADJECTIVES = [
  'amber', 'bold', 'brave', 'bright', 'calm', 'clever', 'crisp', 'dapper', 'eager', 'fair',
  'gentle', 'glad', 'golden', 'happy', 'humble', 'jolly', 'keen', 'kind', 'lucky', 'merry',
  'mellow', 'nimble', 'polite', 'proud', 'quick', 'quiet', 'rare', 'rosy', 'shy', 'sleek',
  'smart', 'snug', 'spry', 'sunny', 'swift', 'tidy', 'vast', 'warm', 'wise', 'zesty',
];
const NOUNS = [
  'apple', 'aspen', 'birch', 'bloom', 'cedar', 'cherry', 'clover', 'elm', 'fern', 'fig',
  'grove', 'hazel', 'ivy', 'lark', 'lemon', 'lime', 'maple', 'moss', 'oak', 'olive',
  'orchid', 'peach', 'pear', 'pine', 'plum', 'quince', 'robin', 'rowan', 'sage', 'seed',
  'sprout', 'thyme', 'tulip', 'walnut', 'willow', 'wren', 'yew', 'acorn', 'basil', 'berry',
];

const pick = <T>(items: readonly T[], r: number): T => items[Math.floor(r * items.length)] as T;

export function generateRunName(random: () => number = Math.random): string {
  return `${pick(ADJECTIVES, random())}-${pick(NOUNS, random())}-${Math.floor(random() * 1000)}`;
}
