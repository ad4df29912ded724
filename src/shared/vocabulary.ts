// The Engagement API's vocabulary and the words the extension shows for it: engagement types and
// their labels, group fields, the names of the ID lists a result sets apart. No `vscode`: the core,
// the CLI, the editor and the webview page all use these (src/core/types.ts re-exports them).

/** The seven engagement types the /totals endpoint accepts. */
export const ENGAGEMENT_TYPES = ['impressions', 'engagements', 'favorites', 'retweets', 'quote_tweets', 'replies', 'video_views'] as const;
export type EngagementType = (typeof ENGAGEMENT_TYPES)[number];

/**
 * What people call each type on X today (favorites are Likes, retweets are Reposts): the words
 * the tree, the panel and hovers show (the API's name is in the tree's tooltips).
 */
export const ENGAGEMENT_TYPE_LABELS: Readonly<Record<EngagementType, string>> = {
  impressions: 'Impressions',
  engagements: 'Engagements',
  favorites: 'Likes',
  retweets: 'Reposts',
  quote_tweets: 'Quotes',
  replies: 'Replies',
  video_views: 'Video views',
};

/**
 * The lists of Tweets a result sets apart, as the results view and the panel name and explain
 * them (one table, so the two say the same).
 */
export const ID_SECTION_TEXT = {
  unavailable: { label: 'Unavailable', help: 'Deleted, protected or otherwise unavailable Tweets: the API left them out.' },
  noImpressions: { label: 'No impressions/engagements', help: 'Impressions and engagements are only available for your own Tweets of the last 90 days.' },
  noVideoViews: { label: 'No video views', help: 'Video views are only available for Tweets up to 1800 days old.' },
  forbidden: { label: 'Forbidden', help: 'Not owned by the user of this profile: user-context metrics are forbidden for them.' },
} as const;

/** Types that need OAuth 1.0a user context and only work for the user's own Tweets. */
export const OWNED_TYPES: readonly EngagementType[] = ['impressions', 'engagements'];
/** Types an app-only Bearer token can ask for, for any Tweet. */
export const PUBLIC_TYPES: readonly EngagementType[] = ['favorites', 'retweets', 'quote_tweets', 'replies', 'video_views'];

export const GROUP_FIELDS = ['tweet.id', 'engagement.type'] as const;
export type GroupField = (typeof GROUP_FIELDS)[number];
