/**
 * What every web page shares: the layout's model (navigation, the signed-in user, the interface language), the
 * sign-in page, the language switch, and error pages. Pages themselves live with their capability
 * ({@code screening.web}, {@code cases.web}, ...) as {@link org.refugio.web.PageController}s, their templates under
 * {@code templates/<capability>/}, and use the layout {@code templates/layout/page.html}. Entry points for a new
 * page capability: a {@link org.refugio.web.NavigationItem} bean, its paths in
 * {@link org.refugio.security.WebAccessRules}, its texts in {@code messages/web*.properties}.
 */
package org.refugio.web;
