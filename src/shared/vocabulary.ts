// The Engagement API's vocabulary and the words the extension shows for it: engagement types and
// their labels, group fields, the names of the ID lists a result sets apart. No `vscode`: the core,
// the CLI, the editor and the webview page all use these (src/core/types.ts re-exports them).
//
// Words a user reads come in two forms: the English constants (the CLI, exports and the log use
// them as they are) and functions that localise through `@vscode/l10n` (the editor and the panel:
// English until src/platform/l10n.ts configures it). Call those functions when the text is shown,
// never at module load: the bundle is configured at activation.
import * as l10n from '@vscode/l10n';

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

/** ENGAGEMENT_TYPE_LABELS in the editor's display language (the tree, the panel, hovers, pickers). */
export function engagementTypeLabels(): Record<EngagementType, string> {
  return {
    impressions: l10n.t('Impressions'),
    engagements: l10n.t('Engagements'),
    favorites: l10n.t('Likes'),
    retweets: l10n.t('Reposts'),
    quote_tweets: l10n.t('Quotes'),
    replies: l10n.t('Replies'),
    video_views: l10n.t('Video views'),
  };
}

export type IdSection = 'unavailable' | 'noImpressions' | 'noVideoViews' | 'forbidden';
export type IdSectionText = Record<IdSection, { label: string; help: string }>;

/**
 * The lists of Tweets a result sets apart, as the results view and the panel name and explain
 * them (one table, so the two say the same), in the editor's display language.
 */
export function idSectionText(): IdSectionText {
  return {
    unavailable: { label: l10n.t('Unavailable'), help: l10n.t('Deleted, protected or otherwise unavailable Tweets: the API left them out.') },
    noImpressions: {
      label: l10n.t('No impressions/engagements'),
      help: l10n.t('Impressions and engagements are only available for your own Tweets of the last 90 days.'),
    },
    noVideoViews: { label: l10n.t('No video views'), help: l10n.t('Video views are only available for Tweets up to 1800 days old.') },
    forbidden: { label: l10n.t('Forbidden'), help: l10n.t('Not owned by the user of this profile: user-context metrics are forbidden for them.') },
  };
}

/** Types that need OAuth 1.0a user context and only work for the user's own Tweets. */
export const OWNED_TYPES: readonly EngagementType[] = ['impressions', 'engagements'];
/** Types an app-only Bearer token can ask for, for any Tweet. */
export const PUBLIC_TYPES: readonly EngagementType[] = ['favorites', 'retweets', 'quote_tweets', 'replies', 'video_views'];

export const GROUP_FIELDS = ['tweet.id', 'engagement.type'] as const;
export type GroupField = (typeof GROUP_FIELDS)[number];

// The time-series endpoints (/28hr and /historical): their own vocabulary, beside the totals one
// above (which it does not change: /totals takes exactly ENGAGEMENT_TYPES and GROUP_FIELDS).

/** The 17 engagement types /28hr and /historical accept (not quote_tweets: that is /totals only). */
export const SERIES_ENGAGEMENT_TYPES = [
  'impressions',
  'engagements',
  'favorites',
  'retweets',
  'replies',
  'video_views',
  'media_views',
  'media_engagements',
  'url_clicks',
  'hashtag_clicks',
  'detail_expands',
  'permalink_clicks',
  'app_install_attempts',
  'app_opens',
  'email_tweet',
  'user_follows',
  'user_profile_clicks',
] as const;
export type SeriesEngagementType = (typeof SERIES_ENGAGEMENT_TYPES)[number];
/** Every engagement type of any endpoint: the seven of /totals and the 17 of the time series. */
export type AnyEngagementType = EngagementType | SeriesEngagementType;
/** The 18 types of all endpoints together: the seven of /totals, then the ten only the time series have and media_views. */
export const ALL_ENGAGEMENT_TYPES: readonly AnyEngagementType[] = [...new Set<AnyEngagementType>([...ENGAGEMENT_TYPES, ...SERIES_ENGAGEMENT_TYPES])];

/** The words shown for the time-series types (the ones /totals shares keep the totals' words). */
export const SERIES_ENGAGEMENT_TYPE_LABELS: Readonly<Record<SeriesEngagementType, string>> = {
  impressions: ENGAGEMENT_TYPE_LABELS.impressions,
  engagements: ENGAGEMENT_TYPE_LABELS.engagements,
  favorites: ENGAGEMENT_TYPE_LABELS.favorites,
  retweets: ENGAGEMENT_TYPE_LABELS.retweets,
  replies: ENGAGEMENT_TYPE_LABELS.replies,
  video_views: ENGAGEMENT_TYPE_LABELS.video_views,
  media_views: 'Media views',
  media_engagements: 'Media engagements',
  url_clicks: 'Link clicks',
  hashtag_clicks: 'Hashtag clicks',
  detail_expands: 'Detail expands',
  permalink_clicks: 'Permalink clicks',
  app_install_attempts: 'App install attempts',
  app_opens: 'App opens',
  email_tweet: 'Shared by email',
  user_follows: 'Follows',
  user_profile_clicks: 'Profile visits',
};

/** SERIES_ENGAGEMENT_TYPE_LABELS in the editor's display language (the tree, the panel's charts, hovers, pickers). */
export function seriesTypeLabels(): Record<SeriesEngagementType, string> {
  const totals = engagementTypeLabels();
  return {
    impressions: totals.impressions,
    engagements: totals.engagements,
    favorites: totals.favorites,
    retweets: totals.retweets,
    replies: totals.replies,
    video_views: totals.video_views,
    media_views: l10n.t('Media views'),
    media_engagements: l10n.t('Media engagements'),
    url_clicks: l10n.t('Link clicks'),
    hashtag_clicks: l10n.t('Hashtag clicks'),
    detail_expands: l10n.t('Detail expands'),
    permalink_clicks: l10n.t('Permalink clicks'),
    app_install_attempts: l10n.t('App install attempts'),
    app_opens: l10n.t('App opens'),
    email_tweet: l10n.t('Shared by email'),
    user_follows: l10n.t('Follows'),
    user_profile_clicks: l10n.t('Profile visits'),
  };
}

/** Old names of time-series types and the type that replaced them (media_clicks became media_engagements in 2017). */
export const REPLACED_SERIES_TYPES: Readonly<Record<string, SeriesEngagementType>> = { media_clicks: 'media_engagements' };

/** The time buckets a time-series grouping can add (/totals answers them with a 400). */
export const TIME_GROUP_FIELDS = ['engagement.day', 'engagement.hour'] as const;
export type TimeGroupField = (typeof TIME_GROUP_FIELDS)[number];
/** What a time-series `group_by` may hold; the order sets the nesting. */
export const SERIES_GROUP_FIELDS = [...GROUP_FIELDS, ...TIME_GROUP_FIELDS] as const;
export type SeriesGroupField = (typeof SERIES_GROUP_FIELDS)[number];
/** The only two `group_by` lists of four values the API takes (at most one such grouping a request). */
export const FULL_SERIES_GROUP_BYS: ReadonlyArray<readonly SeriesGroupField[]> = [
  ['tweet.id', 'engagement.type', 'engagement.day', 'engagement.hour'],
  ['engagement.type', 'tweet.id', 'engagement.day', 'engagement.hour'],
];
