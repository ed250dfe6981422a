import styles from '@/components/public/site-footer.module.css';
import { icpFilingUrl, psbFilingUrl, type SiteSettings } from '@/lib/settings/site-settings';

/** Contact as a link: mailto: for an e-mail address, tel: for a phone number. */
function contactHref(contact: string): string {
  return contact.includes('@') ? `mailto:${contact}` : `tel:${contact.replace(/[\s-]/g, '')}`;
}

/**
 * Every public page's footer, from the site settings: name, footer text, the ICP filing number
 * linked to the MIIT system and the public-security one with its badge (a site served in
 * mainland China must show them), contact. Only what is set is shown.
 */
export function SiteFooter({ settings }: { settings: SiteSettings }) {
  const psbUrl = settings.psbNumber ? psbFilingUrl(settings.psbNumber) : null;
  return (
    <footer className={styles.footer} data-testid="site-footer">
      <div className={styles.inner}>
        <p className={styles.text}>
          {settings.siteName}
          {settings.footerText && ` · ${settings.footerText}`}
        </p>
        {(settings.icpNumber || settings.psbNumber || settings.contact) && (
        <ul className={styles.filings}>
          {settings.icpNumber && (
            <li>
              <a href={icpFilingUrl} target="_blank" rel="noopener noreferrer">{settings.icpNumber}</a>
            </li>
          )}
          {settings.psbNumber && (
            <li>
              {psbUrl ? (
                <a href={psbUrl} target="_blank" rel="noopener noreferrer">
                  {/* oxlint-disable-next-line nextjs/no-img-element -- a 16-pixel SVG badge: nothing for next/image to optimise */}
                  <img src="/psb-badge.svg" alt="" width={16} height={16} />
                  {settings.psbNumber}
                </a>
              ) : (
                <span>{settings.psbNumber}</span>
              )}
            </li>
          )}
          {settings.contact && (
            <li>
              <a href={contactHref(settings.contact)}>联系我们：{settings.contact}</a>
            </li>
          )}
        </ul>
        )}
      </div>
    </footer>
  );
}
